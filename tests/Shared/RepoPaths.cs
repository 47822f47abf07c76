namespace PeoplesStories.Testing;

/// <summary>Finds files of the repository from a test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Seeds => Path.Combine(Root, "seeds");

    public static string SeedFile => Path.Combine(Seeds, "000_bc923a49c6dd647c.txt");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PeoplesStories.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PeoplesStories.sln not found above " + AppContext.BaseDirectory);
    }
}
