using Integration.Eventing;
using Integration.Mediators;
using Integration.Mediators.Clients;
using Integration.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddApiDefaults(MediatorsService.Name);
builder.AddEventStore(MediatorsService.Name, ClientReferences.Configure);
builder.AddMessaging(MediatorsService.Name, bus => bus.AddConsumer<ClientRegisteredConsumer>());
builder.Services.AddSingleton(TimeProvider.System);

var app = builder.Build();
app.UseApiDefaults();
app.MapClientReferences();
app.Run();
