using Aspire.Hosting;
using Integration.AppHost;

// The whole system's topology, declared once: ./run.sh starts this, the end-to-end tests start it
// through Aspire.Hosting.Testing, and the gateway learns its routes' destinations from here.
var builder = DistributedApplication.CreateBuilder(args);
var infrastructure = Infrastructure.Declare(builder);

var referrals = builder.AddIntegrationService<Projects.Referrals_Api>("referrals", infrastructure);
var mediators = builder.AddIntegrationService<Projects.Mediators_Api>("mediators", infrastructure);
var intake = builder.AddIntegrationService<Projects.Intake_Api>("intake", infrastructure)
    .WithEnvironment("Services__referrals", referrals.GetEndpoint("http"))
    .WithEnvironment("Services__mediators", mediators.GetEndpoint("http"));
var portal = builder.AddIntegrationProject<Projects.Portal>("portal");
var gateway = builder.AddIntegrationProject<Projects.Gateway>("gateway");

foreach (var destination in new[] { intake, referrals, mediators, portal })
{
    gateway
        .WithEnvironment($"ReverseProxy__Clusters__{destination.Resource.Name}__Destinations__primary__Address", destination.GetEndpoint("http"))
        .WaitFor(destination);
}

portal.WithEnvironment("Portal__ApiBaseUrl", gateway.GetEndpoint("http"));

builder.Build().Run();
