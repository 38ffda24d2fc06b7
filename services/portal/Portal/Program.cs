using Integration.Portal;
using Integration.Portal.Components;
using Integration.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(PortalService.Name);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();
app.UseServiceDefaults();
app.UseAntiforgery();
app.MapHealthEndpoints();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();
