namespace Integration.Portal.Resources;

/// <summary>Marks the UI text resources (<c>Strings.resx</c>, <c>Strings.it.resx</c>) for <c>IStringLocalizer&lt;Strings&gt;</c>.</summary>
public sealed class Strings
{
    /// <summary>The same texts for code outside components (<see cref="Api.ApiProblem"/>), read in the current UI culture.</summary>
    public static System.Resources.ResourceManager Manager { get; } = new(typeof(Strings));

    private Strings()
    {
    }
}
