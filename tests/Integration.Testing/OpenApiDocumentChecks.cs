using Xunit;
using Xunit.Abstractions;

namespace Integration.Testing;

/// <summary>
/// The OpenAPI document a service serves is the contract a client is generated from: complete, clean under
/// Redocly's recommended rules, committed as served, and answered without a server error whatever a request
/// built from it holds. Each service's test class names its fixture, its name and the callers to fuzz as.
/// </summary>
public abstract class OpenApiDocumentChecks<TService>(ServiceFixture<TService> service, string serviceName, ITestOutputHelper output)
    where TService : class
{
    /// <summary>The callers the fuzzer sends each request as: every role the service answers differently.</summary>
    protected abstract IReadOnlyList<Action<HttpClient>> Callers { get; }

    [Fact]
    public async Task every_mapped_route_is_documented_and_every_documented_operation_is_mapped()
    {
        using var http = service.CreateClient();
        var documented = OpenApiContract.DocumentedOperations(await OpenApiContract.DocumentAsync(http));
        var mapped = OpenApiContract.MappedOperations(service.Services);

        Assert.True(!mapped.Except(documented).Any(), "mapped, not documented:\n" + string.Join("\n", mapped.Except(documented)));
        Assert.True(!documented.Except(mapped).Any(), "documented, not mapped:\n" + string.Join("\n", documented.Except(mapped)));
        Assert.NotEmpty(mapped);
    }

    [Fact]
    public async Task the_document_has_no_error_under_redoclys_recommended_rules()
    {
        using var http = service.CreateClient();

        var (errors, warnings) = await OpenApiContract.LintAsync(await OpenApiContract.DocumentAsync(http));

        output.WriteLine($"redocly lint (recommended): {errors.Count} errors, {warnings} warnings");

        Assert.True(errors.Count == 0, $"{errors.Count} errors:\n" + string.Join("\n", errors));
    }

    [Fact]
    public async Task the_committed_copy_of_the_document_is_the_one_served()
    {
        using var http = service.CreateClient();

        var drift = await OpenApiContract.CommittedCopyDriftAsync(serviceName, await OpenApiContract.DocumentAsync(http));

        Assert.True(drift is null, drift);
    }

    [Fact]
    public async Task every_schema_with_a_field_that_cannot_be_null_says_which_fields_are_required()
    {
        using var http = service.CreateClient();

        var wrong = OpenApiContract.ObjectsWithoutRequiredFields(await OpenApiContract.DocumentAsync(http));

        Assert.True(wrong.Count == 0, "no required field listed:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public async Task no_request_made_from_the_document_gets_a_server_error_and_every_refusal_is_a_problem()
    {
        using var http = service.CreateClient();
        var document = await OpenApiContract.DocumentAsync(http);

        var (statuses, failures) = await OpenApiFuzz.RunAsync(service.CreateClient, document, Callers);

        output.WriteLine($"answers by status: {statuses}; {failures.Count} bad");
        Assert.True(failures.Count == 0, $"{failures.Count} bad answers ({statuses}):\n" + string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public async Task no_property_that_may_be_null_is_required()
    {
        using var http = service.CreateClient();

        var wrong = OpenApiContract.RequiredYetNullable(await OpenApiContract.DocumentAsync(http));

        Assert.True(wrong.Count == 0, "required, yet null is allowed (and left out of answers):\n" + string.Join("\n", wrong));
    }
}
