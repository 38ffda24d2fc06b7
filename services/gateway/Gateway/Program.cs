using Integration.Gateway;
using Integration.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(GatewayService.Name);
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
builder.Services.AddSingleton(TimeProvider.System);

var app = builder.Build();
app.UseServiceDefaults();
app.MapHealthEndpoints();
if (!app.Environment.IsProduction())
{
    app.MapDevelopmentTokens(AuthSettings.From(app.Configuration, app.Environment));
}

app.MapReverseProxy();
app.Run();
