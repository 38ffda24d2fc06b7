using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Integration.Platform.Tests;

/// <summary>
/// Each service reaches RabbitMQ as its own user, allowed only what deploy/rabbitmq/permissions.tsv
/// lists: it may publish its own events but not another service's (a forged <c>ClientErased</c>), and
/// may not read another service's queue. guest, whose password everyone knows, cannot connect.
/// </summary>
public sealed class BrokerPermissionsTests : IAsyncLifetime
{
    private const ushort AccessRefused = 403;
    private IsolatedEnvironment environment = null!;

    public async Task InitializeAsync() => environment = await IsolatedEnvironment.CreateAsync();

    public async Task DisposeAsync() => await environment.DisposeAsync();

    [Theory]
    [InlineData("intake", "Integration.Intake.Contracts:ClientErased")]
    [InlineData("referrals", "Integration.Referrals.Contracts:ReferralWithdrawn")]
    [InlineData("referrals", "Integration.Intake.Contracts:ClientErasureConfirmed")]
    [InlineData("mediators", "Integration.Mediators.Contracts:BookingActivity")]
    public async Task a_service_publishes_its_own_events(string service, string exchange)
    {
        await DeclareExchangeAsync(exchange);

        Assert.Null(await PublishRefusalAsync(environment.RabbitMqFor(service), exchange));
    }

    [Theory]
    [InlineData("mediators", "Integration.Intake.Contracts:ClientErased")]
    [InlineData("referrals", "Integration.Intake.Contracts:ClientRegistered")]
    [InlineData("intake", "Integration.Referrals.Contracts:ReferralWithdrawn")]
    [InlineData("referrals", "Integration.Mediators.Contracts:BookingActivity")]
    public async Task a_service_cannot_publish_another_services_events(string service, string exchange)
    {
        await DeclareExchangeAsync(exchange);

        Assert.Equal(AccessRefused, await PublishRefusalAsync(environment.RabbitMqFor(service), exchange));
    }

    [Theory]
    [InlineData("mediators", "intake-client-erasure-confirmed")]
    [InlineData("intake", "referrals-client-registered")]
    public async Task a_service_cannot_read_another_services_queue(string service, string queue)
    {
        await using (var admin = await new ConnectionFactory { Uri = environment.RabbitMq }.CreateConnectionAsync())
        await using (var channel = await admin.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        }

        await using var connection = await new ConnectionFactory { Uri = environment.RabbitMqFor(service) }.CreateConnectionAsync();
        await using var serviceChannel = await connection.CreateChannelAsync();
        var refusal = await Assert.ThrowsAsync<OperationInterruptedException>(() => serviceChannel.BasicGetAsync(queue, autoAck: false));

        Assert.Equal(AccessRefused, refusal.ShutdownReason?.ReplyCode);
    }

    [Fact]
    public async Task guest_cannot_connect()
    {
        var guest = new UriBuilder(environment.RabbitMq) { UserName = "guest", Password = "guest" }.Uri;

        await Assert.ThrowsAsync<BrokerUnreachableException>(() => new ConnectionFactory { Uri = guest }.CreateConnectionAsync());
        await using var administrator = await new ConnectionFactory { Uri = environment.RabbitMq }.CreateConnectionAsync();
        Assert.True(administrator.IsOpen);
    }

    /// <summary>The exchange as MassTransit declares it, so that a refusal is about rights, not a missing exchange.</summary>
    private async Task DeclareExchangeAsync(string exchange)
    {
        await using var admin = await new ConnectionFactory { Uri = environment.RabbitMq }.CreateConnectionAsync();
        await using var channel = await admin.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
    }

    /// <summary>Null when the broker confirmed the message; otherwise the reply code it closed the channel with.</summary>
    private static async Task<ushort?> PublishRefusalAsync(Uri asUser, string exchange)
    {
        await using var connection = await new ConnectionFactory { Uri = asUser }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        try
        {
            await channel.BasicPublishAsync(exchange, routingKey: "", mandatory: false, basicProperties: new BasicProperties(),
                body: Encoding.UTF8.GetBytes("{}"));
            return null;
        }
        catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException or PublishException)
        {
            return channel.CloseReason?.ReplyCode ?? throw new InvalidOperationException("The publish failed without the channel being closed.", exception);
        }
    }
}
