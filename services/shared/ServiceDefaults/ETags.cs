namespace Integration.ServiceDefaults;

/// <summary>ETags are the stream version, quoted: <c>"3"</c>. If-Match takes the same form.</summary>
public static class ETags
{
    public static string For(long version) => $"\"{version}\"";
}
