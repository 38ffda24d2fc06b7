using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Tests;

public sealed class ConsentReferenceTests(ReferralsFixture referrals) : IClassFixture<ReferralsFixture>
{
    [Fact]
    public async Task a_consent_given_then_withdrawn_at_intake_is_withdrawn_in_referrals()
    {
        var (clientId, consentId) = (Guid.NewGuid(), Guid.NewGuid());

        await PublishAsync(Given(clientId, consentId));
        await ConsentStatusAsync(clientId, "active");
        await PublishAsync(new IntakeEvents.ConsentWithdrawn(clientId, consentId, DateTimeOffset.UtcNow));

        var consent = await ConsentStatusAsync(clientId, "withdrawn");
        Assert.Equal(["identity", "language"], consent.GetProperty("dataCategories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(2, consent.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task an_expiry_that_overtakes_its_consent_is_applied_once_the_consent_arrives()
    {
        var (clientId, consentId) = (Guid.NewGuid(), Guid.NewGuid());

        await PublishAsync(new IntakeEvents.ConsentExpired(clientId, consentId, DateTimeOffset.UtcNow));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        await PublishAsync(Given(clientId, consentId));

        await ConsentStatusAsync(clientId, "expired");
    }

    [Fact]
    public async Task a_withdrawal_delivered_twice_ends_the_consent_once()
    {
        var (clientId, consentId) = (Guid.NewGuid(), Guid.NewGuid());
        await PublishAsync(Given(clientId, consentId));
        await ConsentStatusAsync(clientId, "active");
        var withdrawal = new IntakeEvents.ConsentWithdrawn(clientId, consentId, DateTimeOffset.UtcNow);
        var messageId = NewId.NextGuid();
        var before = referrals.Consumes.Completed<IntakeEvents.ConsentWithdrawn>();

        await PublishAsync(withdrawal, messageId);
        await PublishAsync(withdrawal, messageId);
        await referrals.Consumes.WaitForAsync<IntakeEvents.ConsentWithdrawn>(before + 2);

        var consent = await ConsentStatusAsync(clientId, "withdrawn");
        Assert.Equal(2, consent.GetProperty("version").GetInt32());
    }

    private static IntakeEvents.ConsentGiven Given(Guid clientId, Guid consentId) =>
        new(clientId, consentId, "referral", Guid.NewGuid(), null, ["identity", "language"], DateTimeOffset.UtcNow.AddMinutes(-5), null);

    private Task PublishAsync<T>(T message, Guid? messageId = null) where T : class =>
        referrals.Environment.Bus.Publish(message, context => context.MessageId = messageId ?? NewId.NextGuid());

    private async Task<JsonElement> ConsentStatusAsync(Guid clientId, string status)
    {
        using var http = referrals.CreateClient().As("coordinator");
        var body = await Eventually.GetAsync(async () =>
        {
            var consents = await http.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/consents");
            return consents.GetArrayLength() == 1 && consents[0].GetProperty("status").GetString() == status ? consents[0].GetRawText() : null;
        }, $"the consent to be {status}");
        return JsonDocument.Parse(body).RootElement;
    }
}
