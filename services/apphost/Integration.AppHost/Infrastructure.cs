using System.Data.Common;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Integration.AppHost;

/// <summary>
/// Where the services find PostgreSQL and RabbitMQ. The scripts start both servers without Docker
/// and pass them as <c>ConnectionStrings:Postgres</c> (a server, or a server and database) and each
/// service's own RabbitMQ user as <c>ConnectionStrings:RabbitMq-{service}</c> (or one
/// <c>ConnectionStrings:RabbitMq</c> for all); given neither, the app host runs both as containers,
/// which needs a Docker engine.
/// </summary>
internal sealed class Infrastructure
{
    private readonly string? postgres;
    private readonly IConfiguration? configuration;
    private readonly IResourceBuilder<PostgresServerResource>? postgresContainer;
    private readonly IResourceBuilder<RabbitMQServerResource>? rabbitMqContainer;

    private Infrastructure(string postgres, IConfiguration configuration)
    {
        this.postgres = postgres;
        this.configuration = configuration;
    }

    private Infrastructure(IResourceBuilder<PostgresServerResource> postgres, IResourceBuilder<RabbitMQServerResource> rabbitMq)
    {
        postgresContainer = postgres;
        rabbitMqContainer = rabbitMq;
    }

    public static Infrastructure Declare(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.Configuration.GetConnectionString("Postgres");
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            return new Infrastructure(postgres, builder.Configuration);
        }

        return new Infrastructure(builder.AddPostgres("postgres"), builder.AddRabbitMQ("rabbitmq"));
    }

    /// <summary>Gives a service its own database (<c>integration_{service}</c>, unless the server's connection names one) and the broker.</summary>
    public void Connect(IResourceBuilder<ProjectResource> service)
    {
        var database = $"integration_{service.Resource.Name}";
        if (postgresContainer is not null && rabbitMqContainer is not null)
        {
            var store = postgresContainer.AddDatabase($"{service.Resource.Name}-store", database);
            service.WithReference(store, "Postgres").WaitFor(store)
                .WithReference(rabbitMqContainer, "RabbitMq").WaitFor(rabbitMqContainer);
            return;
        }

        var connection = new DbConnectionStringBuilder { ConnectionString = postgres };
        if (!connection.ContainsKey("Database"))
        {
            connection["Database"] = database;
        }

        var name = service.Resource.Name;
        var rabbitMq = configuration?.GetConnectionString($"RabbitMq-{name}") ?? configuration?.GetConnectionString("RabbitMq")
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:Postgres is given but not RabbitMQ: set ConnectionStrings:RabbitMq-{name} (the service's own user) or ConnectionStrings:RabbitMq.");
        service.WithEnvironment("ConnectionStrings__Postgres", connection.ConnectionString)
            .WithEnvironment("ConnectionStrings__RabbitMq", rabbitMq);
    }
}
