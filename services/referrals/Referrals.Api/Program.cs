using Integration.Eventing;
using Integration.Referrals;
using Integration.Referrals.Clients;
using Integration.Referrals.Consents;
using Integration.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddApiDefaults(ReferralsService.Name);
builder.AddEventStore(ReferralsService.Name, options =>
{
    ClientReferences.Configure(options);
    ConsentReferences.Configure(options);
});
builder.AddMessaging(ReferralsService.Name, bus =>
{
    bus.AddConsumer<ClientRegisteredConsumer>();
    bus.AddConsumer<ConsentGivenConsumer>();
    bus.AddConsumer<ConsentWithdrawnConsumer>();
    bus.AddConsumer<ConsentExpiredConsumer>();
});
builder.Services.AddSingleton(TimeProvider.System);

var app = builder.Build();
app.UseApiDefaults();
app.MapClientReferences();
app.MapConsentReferences();
app.Run();
