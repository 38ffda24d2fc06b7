using Integration.Portal;
using Integration.Portal.Api;
using Integration.Portal.Auth;
using Integration.Portal.Components;
using Integration.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(PortalService.Name);
builder.AddPortalAuthentication();
builder.AddPortalApi();
builder.AddOfficeTime();
builder.Services.AddLocalization();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();
app.UseServiceDefaults();
app.UsePortalOrigin();
app.UsePortalSecurityHeaders();
// After authentication: a signed-in user's tenant gives the language when they have not chosen one.
app.UseAuthentication();
app.UseRequestLocalization(PortalCultures.Configure);
app.UseAuthorization();
app.UseAntiforgery();
app.MapHealthEndpoints();
app.MapStaticAssets();
app.MapPortalAuthentication(app.Environment);
app.MapPortalCultures();
app.MapDownloads();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();
