using Integration.Eventing;
using Integration.Mediators;
using Integration.Mediators.Bookings;
using Integration.Mediators.Clients;
using Integration.Mediators.Clients.Following;
using Integration.Mediators.Clients.Merging;
using Integration.Mediators.Demand;
using Integration.Mediators.Pool;
using Integration.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddApiDefaults(MediatorsService.Name);
builder.AddEventStore(MediatorsService.Name, options =>
{
    ClientReferences.Configure(options);
    MediatorsStore.Configure(options);
}).AddIntegrationEventRelay<MediatorsIntegrationEvents>();
builder.AddMessaging(MediatorsService.Name, bus =>
{
    bus.AddConsumer<ClientRegisteredConsumer>();
    bus.AddConsumer<ClientTransferredConsumer>();
    bus.AddConsumer<ReferralWithdrawnConsumer>();
    bus.AddConsumer<ClientErasedConsumer>();
    bus.AddConsumer<ClientsMergedConsumer>();
    bus.AddConsumer<ClientsUnmergedConsumer>();
    bus.AddConsumer<FundingStreamRegisteredConsumer>();
    bus.AddConsumer<TenantOnboardedConsumer>();
});
builder.Services.AddSingleton(TimeProvider.System);
builder.AddMediators();

var app = builder.Build();
app.UseApiDefaults();
app.MapClientReferences();
app.MapClientExport();
app.MapMediators();
app.MapBookings();
app.MapDemand();
app.Run();
