namespace Integration.Mediators.Tests;

public sealed class MediatorsFixture() : ServiceFixture<MediatorsService>(MediatorsService.Name);
