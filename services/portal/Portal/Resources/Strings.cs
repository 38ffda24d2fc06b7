namespace Integration.Portal.Resources;

/// <summary>Marks the UI text resources (<c>Strings.resx</c>, <c>Strings.it.resx</c>) for <c>IStringLocalizer&lt;Strings&gt;</c>.</summary>
public sealed class Strings
{
    private Strings()
    {
    }
}
