using Integration.Portal.Auth;
using Microsoft.Extensions.Http.Resilience;

namespace Integration.Portal.Api;

/// <summary>The portal calls the public API through the gateway (<c>Portal:ApiBaseUrl</c>) with the user's token.</summary>
public static class PortalApi
{
    public const string ClientName = "api";

    public static WebApplicationBuilder AddPortalApi(this WebApplicationBuilder builder)
    {
        var baseUrl = builder.Configuration["Portal:ApiBaseUrl"]
            ?? throw new InvalidOperationException("Portal:ApiBaseUrl must name the gateway the portal calls (for example http://localhost:8080/).");
        builder.Services.AddHttpClient(ClientName, http => http.BaseAddress = new Uri(baseUrl))
            .AddHttpMessageHandler<AccessTokenHandler>();

        // Every client gets the standard resilience handler (ServiceDefaults). Writes are not retried
        // here: a registration sent twice would be a duplicate (the gateway retries no writes either).
        builder.Services.Configure<HttpStandardResilienceOptions>($"{ClientName}-standard",
            options => options.Retry.DisableForUnsafeHttpMethods());
        builder.Services.AddScoped<IIntakeApi>(services => new IntakeApi(Client(services)));
        builder.Services.AddScoped<IClientRegistration>(services => services.GetRequiredService<IIntakeApi>());
        builder.Services.AddScoped(services => new ReferralsApi(Client(services)));
        builder.Services.AddScoped(services => new MediatorsApi(Client(services)));
        builder.Services.AddScoped(services => new CasesApi(Client(services)));
        return builder;
    }

    private static HttpClient Client(IServiceProvider services) => services.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);
}
