using Integration.Eventing;
using Integration.Referrals;
using Integration.Referrals.Access;
using Integration.Referrals.Caseload;
using Integration.Referrals.Clients;
using Integration.Referrals.Consents;
using Integration.Referrals.Consents.Listing;
using Integration.Referrals.Directory;
using Integration.Referrals.Funding;
using Integration.Referrals.Referrals;
using Integration.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddApiDefaults(ReferralsService.Name);
builder.AddEventStore(ReferralsService.Name, options =>
{
    ClientReferences.Configure(options);
    ConsentReferences.Configure(options);
    Organisations.Configure(options);
    PartnerServices.Configure(options);
    FundingStreams.Configure(options);
    ReferralStore.Configure(options);
}).AddIntegrationEventRelay<ReferralsIntegrationEvents>();
builder.AddMessaging(ReferralsService.Name, bus =>
{
    ClientReferences.AddConsumers(bus);
    FundingStreams.AddConsumers(bus);
    bus.AddConsumer<TenantOnboardedConsumer>();
    bus.AddConsumer<ConsentGivenConsumer>();
    bus.AddConsumer<ConsentWithdrawnConsumer>();
    bus.AddConsumer<ConsentExpiredConsumer>();
});
builder.Services.AddSingleton(TimeProvider.System);
builder.AddReferrals();

var app = builder.Build();
app.UseApiDefaults();
app.MapClientReferences();
app.MapClientExport();
app.MapListConsentReferences();
app.MapDirectory();
app.MapFunding();
app.MapReferrals();
app.MapCaseload();
app.Run();
