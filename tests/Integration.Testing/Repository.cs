namespace Integration.Testing;

/// <summary>The checkout the tests run in: where docs, deploy and the services' build output are.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathTo(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Integration.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Integration.sln not found above the test binaries: the tests run inside the repository.");
    }
}
