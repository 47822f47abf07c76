namespace PeoplesStories.Web.Import;

/// <summary>How the importer signs the revisions it writes.</summary>
public static class ImportRevision
{
    public const string Author = "import";

    public static string Summary(string file, int line) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"imported from {file}:{line}");
}
