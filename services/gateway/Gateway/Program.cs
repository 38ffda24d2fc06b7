using Integration.Gateway;
using Integration.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yarp.ReverseProxy.Forwarder;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(GatewayService.Name);
builder.AddGatewayProtection();
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
builder.Services.Replace(ServiceDescriptor.Singleton<IForwarderHttpClientFactory, ResilientForwarderHttpClientFactory>());
builder.Services.AddSingleton(TimeProvider.System);

var app = builder.Build();
app.UseServiceDefaults();
app.UseGatewayProtection();
app.MapHealthEndpoints();
if (app.Environment.IsDevelopment())
{
    app.MapDevelopmentTokens(AuthSettings.From(app.Configuration, app.Environment));
}

app.MapReverseProxy();
app.Run();
