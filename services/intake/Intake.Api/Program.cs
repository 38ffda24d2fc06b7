using Integration.Eventing;
using Integration.Intake;
using Integration.Intake.Clients;
using Integration.Intake.Clients.AccessLog;
using Integration.Intake.Clients.Erasing;
using Integration.Intake.Clients.Registering;
using Integration.Intake.Directory;
using Integration.Intake.Directory.ListingFundingStreams;
using Integration.Intake.Duplicates;
using Integration.Intake.Households;
using Integration.Intake.Offices.Listing;
using Integration.Intake.Statistics.Reading;
using Integration.Intake.Tenants;
using Integration.Intake.Timeline.Feeding;
using Integration.Intake.Worklist.Reading;
using Integration.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddApiDefaults(IntakeService.Name);
builder.AddEventStore(IntakeService.Name, ClientStore.Configure)
    .AddIntegrationEventRelay<IntakeIntegrationEvents>();
builder.AddMessaging(IntakeService.Name, bus =>
{
    bus.AddConsumer<ClientDataViewedConsumer>();
    bus.AddConsumer<ClientErasureConfirmedConsumer>();
    bus.AddConsumer<OrganisationRegisteredConsumer>();
    bus.AddConsumer<FundingStreamRegisteredConsumer>();
    bus.AddConsumer<ReferralActivityConsumer>();
    bus.AddConsumer<BookingActivityConsumer>();
});
builder.AddClients();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<DuplicateFinder>();

var app = builder.Build();
app.UseApiDefaults();
app.MapClients();
app.MapHouseholds();
app.MapDuplicates();
app.MapGetWorklist();
app.MapListOffices();
app.MapGetStatistics();
app.MapListFundingStreams();
app.MapTenants();
app.Run();
