using Microsoft.AspNetCore.Components;

namespace Integration.Portal.Components.Cases;

/// <summary>
/// A part of the client record that reads its own data (plans, notes, timeline, household, access
/// log). It reads when the record's <see cref="Revision"/> moves (the page bumps it after loading the
/// client or learning that something changed), never because the page merely re-rendered: a tab
/// click must not read every part again, nor add a read of the person's data to the access log.
/// </summary>
public abstract class RecordSection : ComponentBase
{
    private int? readAt;

    [Parameter]
    public int Revision { get; set; }

    protected abstract Task ReadAsync();

    protected override Task OnParametersSetAsync()
    {
        if (readAt == Revision)
        {
            return Task.CompletedTask;
        }

        readAt = Revision;
        return ReadAsync();
    }
}
