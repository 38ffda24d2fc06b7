using Integration.Eventing;
using Integration.Mediators.Bookings;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Mediators.Clients.Following;

/// <summary>
/// Intake transferred a client to another office: the client's bookings go with them, so the new
/// office's staff see them and the old office's no longer do. A transfer that overtakes the
/// registration (queues do not keep order between message types) throws, and MassTransit's retry
/// brings it back once the client is known.
/// </summary>
internal sealed class ClientTransferredConsumer(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<IntakeEvents.ClientTransferred>(store, clock)
{
    protected override async Task ApplyAsync(IntakeEvents.ClientTransferred message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var client = await session.Events.FetchForWriting<ClientReference>(message.ClientId, cancellationToken);
        if (client.Aggregate is null)
        {
            throw new InvalidOperationException($"Client {message.ClientId} is not known yet; the message is retried.");
        }

        if (client.Aggregate.Office == message.ToOffice)
        {
            return;
        }

        client.AppendOne(new ClientReferenceOfficeChanged(message.ClientId, message.ToOffice, message.TransferredAt));
        var bookings = await session.Query<Booking>().Where(booking => booking.ClientId == message.ClientId && booking.Office != message.ToOffice)
            .Select(booking => booking.Id).ToListAsync(cancellationToken);
        foreach (var booking in bookings)
        {
            var stream = await session.Events.FetchForWriting<Booking>(booking, cancellationToken);
            stream.AppendOne(new BookingOfficeChanged(booking, message.ToOffice, message.TransferredAt));
        }
    }
}
