using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Intake.Tests;

public sealed class OpenApiTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    public static TheoryData<string, string, bool, bool> Operations => new()
    {
        // method, path, has a request body, success answers with a body
        { "post", "/clients/duplicate-check", true, true },
        { "post", "/clients", true, true },
        { "get", "/clients", false, true },
        { "get", "/clients/{clientId}", false, true },
        { "get", "/clients/{clientId}/history", false, true },
        { "put", "/clients/{clientId}/contact", true, false },
        { "put", "/clients/{clientId}/languages", true, false },
        { "put", "/clients/{clientId}/legal-status", true, false },
        { "post", "/clients/{clientId}/consents", true, true },
        { "post", "/clients/{clientId}/consents/{consentId}/withdraw", true, false },
        { "post", "/clients/{clientId}/needs", true, true },
        { "post", "/clients/{clientId}/needs/{needId}/reprioritise", true, false },
        { "post", "/clients/{clientId}/needs/{needId}/resolve", true, false },
        { "post", "/clients/{clientId}/close", true, false },
        { "post", "/clients/{clientId}/reopen", true, false },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task every_endpoint_is_described_with_its_request_and_response_types(string method, string path, bool hasBody, bool answersWithBody)
    {
        using var http = intake.CreateClient();
        var document = await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.True(document.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is not in the document");
        Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} is not in the document");
        if (hasBody)
        {
            Assert.True(operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").TryGetProperty("schema", out _),
                $"{method} {path} has no request schema");
        }

        var success = operation.GetProperty("responses").EnumerateObject().Single(response => response.Name.StartsWith('2'));
        Assert.Equal(answersWithBody, success.Value.TryGetProperty("content", out _));
        if (method != "get")
        {
            Assert.Contains(operation.GetProperty("responses").EnumerateObject(), response => response.Name == "400");
        }
    }
}
