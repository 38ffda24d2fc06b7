using Integration.Mediators.Pool.Activating;
using Integration.Mediators.Pool.Deactivating;
using Integration.Mediators.Pool.Listing;
using Integration.Mediators.Pool.Reading;
using Integration.Mediators.Pool.Registering;
using Integration.Mediators.Pool.SettingAvailability;
using Integration.Mediators.Pool.Sharing;
using Integration.ServiceDefaults;
using JasperFx.Events.Projections;
using Marten;

namespace Integration.Mediators.Pool;

/// <summary>
/// The mediator pool's routes, each use case in its own file under a folder named for what it does
/// (<c>Registering/RegisterMediator.cs</c>, <c>SettingAvailability/SetAvailability.cs</c>…), and what
/// they share: the store's configuration, limits, and who may see a mediator's record.
/// </summary>
internal static class MediatorEndpoints
{
    public const int MaxNameLength = 200;
    public const int MaxDialectLength = 60;
    public const int MaxReasonLength = 2000;

    public static void Configure(StoreOptions options)
    {
        options.Projections.Snapshot<Mediator>(SnapshotLifecycle.Inline);
        options.Schema.For<Mediator>()
            .Duplicate(mediator => mediator.Name)
            .Duplicate(mediator => mediator.Active)
            .GinIndexJsonData();
    }

    public const string NoSuchMediator = "No such mediator.";

    /// <summary>A mediator sees their own record; another mediator's does not exist for them.</summary>
    public static bool CanSee(System.Security.Claims.ClaimsPrincipal user, Mediator mediator)
    {
        return !user.IsMediatorOnly() || (mediator.UserId is not null && mediator.UserId == user.Actor());
    }

    public static IEndpointRouteBuilder MapMediators(this IEndpointRouteBuilder endpoints)
    {
        var mediators = endpoints.MapGroup("/mediators").WithTags("Mediator pool");
        mediators.MapRegisterMediator();
        mediators.MapListMediators();
        mediators.MapGetMediator();
        mediators.MapSetAvailability();
        mediators.MapDeactivateMediator();
        mediators.MapActivateMediator();
        mediators.MapShareMediator();
        return endpoints;
    }
}
