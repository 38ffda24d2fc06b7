using System.Data.Common;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Integration.AppHost;

/// <summary>
/// Where the services find PostgreSQL and RabbitMQ. The scripts start both servers without Docker
/// and pass them as <c>ConnectionStrings:Postgres</c> (a server, or a server and database) and
/// <c>ConnectionStrings:RabbitMq</c>; given neither, the app host runs both as containers, which
/// needs a Docker engine.
/// </summary>
internal sealed class Infrastructure
{
    private readonly string? postgres;
    private readonly string? rabbitMq;
    private readonly IResourceBuilder<PostgresServerResource>? postgresContainer;
    private readonly IResourceBuilder<RabbitMQServerResource>? rabbitMqContainer;

    private Infrastructure(string postgres, string rabbitMq)
    {
        this.postgres = postgres;
        this.rabbitMq = rabbitMq;
    }

    private Infrastructure(IResourceBuilder<PostgresServerResource> postgres, IResourceBuilder<RabbitMQServerResource> rabbitMq)
    {
        postgresContainer = postgres;
        rabbitMqContainer = rabbitMq;
    }

    public static Infrastructure Declare(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.Configuration.GetConnectionString("Postgres");
        var rabbitMq = builder.Configuration.GetConnectionString("RabbitMq");
        if (!string.IsNullOrWhiteSpace(postgres) && !string.IsNullOrWhiteSpace(rabbitMq))
        {
            return new Infrastructure(postgres, rabbitMq);
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

        service.WithEnvironment("ConnectionStrings__Postgres", connection.ConnectionString)
            .WithEnvironment("ConnectionStrings__RabbitMq", rabbitMq);
    }
}
