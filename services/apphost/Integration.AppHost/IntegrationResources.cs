using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Integration.AppHost;

internal static class IntegrationResources
{
    /// <summary>An API service: a project with its store and the broker.</summary>
    public static IResourceBuilder<ProjectResource> AddIntegrationService<TProject>(this IDistributedApplicationBuilder builder,
        string name, Infrastructure infrastructure)
        where TProject : IProjectMetadata, new()
    {
        var service = builder.AddIntegrationProject<TProject>(name);
        infrastructure.Connect(service);
        return service;
    }

    /// <summary>
    /// A project on one HTTP endpoint (the port under <c>Ports:{name}</c>, if any), ready when <c>/health/ready</c>
    /// answers. Settings under <c>Resources:all:Environment</c> and <c>Resources:{name}:Environment</c>
    /// become its environment variables: how the tests give every process its own schema, virtual
    /// host, signing key or telemetry settings without a second topology.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddIntegrationProject<TProject>(this IDistributedApplicationBuilder builder,
        string name)
        where TProject : IProjectMetadata, new()
    {
        var port = builder.Configuration.GetValue<int?>($"Ports:{name}");
        var project = builder.AddProject<TProject>(name, launchProfileName: null)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            // A fixed port is the project's own, so a port already taken fails its start visibly instead of a proxy's.
            .WithHttpEndpoint(port: port, name: "http", isProxied: port is null)
            .WithHttpHealthCheck("/health/ready");
        foreach (var scope in new[] { "all", name })
        {
            foreach (var setting in builder.Configuration.GetSection($"Resources:{scope}:Environment").GetChildren())
            {
                project.WithEnvironment(setting.Key, setting.Value);
            }
        }

        return project;
    }
}
