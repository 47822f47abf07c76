using System.Diagnostics;
using System.Threading.Channels;
using PeoplesStories.Archive;
using PeoplesStories.Archive.Parsing;

namespace PeoplesStories.Web.Import;

/// <summary>How far an import has come, for a progress line.</summary>
public sealed record ImportProgress(int FilesDone, int FilesTotal, int Stories, TimeSpan Elapsed)
{
    public double StoriesPerSecond => Elapsed.TotalSeconds > 0 ? Stories / Elapsed.TotalSeconds : 0;
}

/// <summary>Imports (or, dry, only reads) a set of archive files and folders, file by file.</summary>
public sealed class ArchiveImportRun(ArchiveImporter importer, ArchiveParser parser)
{
    /// <summary>
    /// Expands files and folders (a folder means its <c>*.txt</c> files, in name order) into file
    /// paths. Paths that do not exist come back as failed reports rather than stopping the run.
    /// </summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<ImportFileReport> Missing) Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        var missing = new List<ImportFileReport>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.txt", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                // `dotnet run --project` starts the app in the project's folder, not the shell's: say where a relative path was looked for.
                var where = Path.IsPathRooted(path) ? "" : $" (a relative path is read from {Environment.CurrentDirectory})";
                missing.Add(new ImportFileReport(path, null, 0, 0, 0, 0, 0,
                    [new ArchiveDiagnostic(0, $"No such file or folder{where}. Check the path; a folder is read for its *.txt files.")], []));
            }
        }

        return (files, missing);
    }

    /// <summary>Reads each file and, unless <paramref name="dryRun"/>, stores it, each file all or nothing.</summary>
    public async Task<IReadOnlyList<(ArchiveFile Parsed, ImportFileReport Report)>> RunAsync(
        IReadOnlyList<string> files,
        bool dryRun,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var results = new List<(ArchiveFile, ImportFileReport)>(files.Count);
        var clock = Stopwatch.StartNew();
        var stories = 0;

        // Reading is CPU work and storing is database work: the next files are parsed, and prepared
        // for storing (everything that needs no database), on another thread while this one is
        // stored. The bound keeps at most two prepared files in memory (a prepared file is several
        // times its parsed self, and reading, not storing, is the slower side).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parsedFiles = Channel.CreateBounded<PreparedArchiveFile>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(async () =>
        {
            try
            {
                foreach (var path in files)
                {
                    var parsed = parser.ParseFile(path);
                    await parsedFiles.Writer.WriteAsync(dryRun ? new PreparedArchiveFile(parsed, []) : importer.Prepare(parsed), stop.Token);
                }
            }
            finally
            {
                parsedFiles.Writer.TryComplete();
            }
        }, stop.Token);

        try
        {
            await foreach (var prepared in parsedFiles.Reader.ReadAllAsync(cancellationToken))
            {
                var parsed = prepared.File;
                var report = dryRun
                    ? new ImportFileReport(parsed.File, parsed.Section, parsed.Stories.Count, 0, 0, 0, 0, parsed.Errors, parsed.Warnings)
                    : await importer.ImportAsync(prepared, cancellationToken);

                // A dry run's caller prints the stories; a real run keeps only the report, so memory stays flat.
                results.Add((dryRun ? parsed : parsed with { Stories = [] }, report));
                stories += report.Stories;
                progress?.Report(new ImportProgress(results.Count, files.Count, stories, clock.Elapsed));
            }

            await reading;
            if (!dryRun)
            {
                await importer.FinishAsync(cancellationToken);
            }
        }
        finally
        {
            // On failure, the reader must not wait forever for room in the channel.
            await stop.CancelAsync();
        }

        return results;
    }
}
