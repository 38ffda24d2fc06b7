using Integration.Eventing;
using Integration.Referrals;
using Integration.Referrals.Clients;
using Integration.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddApiDefaults(ReferralsService.Name);
builder.AddEventStore(ReferralsService.Name, ClientReferences.Configure);
builder.AddMessaging(ReferralsService.Name, bus => bus.AddConsumer<ClientRegisteredConsumer>());
builder.Services.AddSingleton(TimeProvider.System);

var app = builder.Build();
app.UseApiDefaults();
app.MapClientReferences();
app.Run();
