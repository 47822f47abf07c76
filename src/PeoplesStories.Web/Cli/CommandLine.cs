using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.Archive;
using PeoplesStories.Archive.Text;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Editor;
using PeoplesStories.Web.Import;

namespace PeoplesStories.Web.Cli;

/// <summary>
/// The commands the web executable also answers: <c>import</c>, <c>export</c>,
/// <c>create-editor</c>, <c>backup</c> and <c>restore</c>. With no command it serves the site. Exit codes: 0 success, 1 a file had
/// an error (or Identity refused the account), 2 a usage error.
/// </summary>
public static class CommandLine
{
    public const int Success = 0;
    public const int FileError = 1;
    public const int UsageError = 2;

    private static readonly string[] Commands = ["import", "export", "create-editor", "backup", "restore"];

    /// <summary>True when the first argument names a command rather than a host setting.</summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && Commands.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args[0] switch
        {
            "import" => await ImportAsync(args[1..], services, stdout, stderr, cancellationToken),
            "export" => await ExportAsync(args[1..], services, stdout, stderr, cancellationToken),
            "create-editor" => await CreateEditorAsync(args[1..], services, stdin, stdout, stderr, cancellationToken),
            "backup" => await BackupAsync(args[1..], services, stdout, stderr, cancellationToken),
            "restore" => await RestoreAsync(args[1..], services, stdout, stderr, cancellationToken),
            _ => Usage(stderr, $"unknown command '{args[0]}'"),
        };
    }

    private const string ImportUsage = "usage: import [--dry-run] [--json] PATH...   (files, or folders of *.txt files)";
    private const string ExportUsage = "usage: export --format json|archive --output DIR";

    private static async Task<int> ImportAsync(string[] args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var dryRun = false;
        var json = false;
        var paths = new List<string>();
        foreach (var arg in args)
        {
            switch (arg)
            {
                case "--dry-run": dryRun = true; break;
                case "--json": json = true; break;
                case "-h" or "--help":
                    stdout.WriteLine(ImportUsage);
                    return Success;
                default:
                    if (arg.StartsWith('-'))
                    {
                        return Usage(stderr, $"unknown option '{arg}'\n{ImportUsage}");
                    }

                    paths.Add(arg);
                    break;
            }
        }

        if (paths.Count == 0)
        {
            return Usage(stderr, $"no file or folder to import\n{ImportUsage}");
        }

        if (!dryRun)
        {
            await StoriesDatabase.MigrateAsync(services, ct);
        }

        var (files, missing) = ArchiveImportRun.Expand(paths);
        await using var scope = services.CreateAsyncScope();
        var run = scope.ServiceProvider.GetRequiredService<ArchiveImportRun>();
        var lastProgress = DateTime.UtcNow;
        var progress = new SynchronousProgress<ImportProgress>(p =>
        {
            if (DateTime.UtcNow - lastProgress < TimeSpan.FromSeconds(1) && p.FilesDone < p.FilesTotal)
            {
                return;
            }

            lastProgress = DateTime.UtcNow;
            if (p.Elapsed > TimeSpan.FromSeconds(1) || p.FilesDone == p.FilesTotal && p.FilesTotal > 50)
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{p.FilesDone}/{p.FilesTotal} files, {p.Stories} stories, {p.StoriesPerSecond:F0} stories/s"));
            }
        });
        var results = await run.RunAsync(files, dryRun, progress, ct);
        var reports = missing.Concat(results.Select(r => r.Report)).ToList();

        if (json)
        {
            var document = new
            {
                files = reports.Select(r => dryRun
                    ? (object)new { file = r.File, section = r.Section, stories = r.Stories, errors = r.Errors.Select(ArchiveJson.ToJson), warnings = r.Warnings.Select(ArchiveJson.ToJson) }
                    : new
                    {
                        file = r.File, section = r.Section, stories = r.Stories,
                        added = r.StoriesAdded, merged = r.StoriesMerged, unchanged = r.StoriesUnchanged, updatesAdded = r.UpdatesAdded,
                        errors = r.Errors.Select(ArchiveJson.ToJson), warnings = r.Warnings.Select(ArchiveJson.ToJson),
                    }),
                stories = results.Where(r => !r.Parsed.HasErrors).SelectMany(r => r.Parsed.Stories).Select(ArchiveJson.ToJson),
            };
            stdout.WriteLine(JsonSerializer.Serialize(document, ArchiveJson.Options));
        }
        else
        {
            WriteHumanReport(reports, dryRun, stdout);
        }

        return reports.Any(r => r.HasErrors) ? FileError : Success;
    }

    private static void WriteHumanReport(IReadOnlyList<ImportFileReport> reports, bool dryRun, TextWriter stdout)
    {
        foreach (var r in reports)
        {
            var name = r.File;
            if (r.HasErrors)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: not imported, {r.Errors.Count} error(s); nothing of this file was stored"));
            }
            else if (dryRun)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: section {r.Section}, {r.Stories} stories read (dry run: nothing stored)"));
            }
            else
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: section {r.Section}, {r.Stories} stories: {r.StoriesAdded} added, {r.StoriesMerged} merged, {r.StoriesUnchanged} unchanged; {r.UpdatesAdded} updates added"));
            }

            foreach (var e in r.Errors)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}:{e.Line}: error: {e.Message}"));
            }

            foreach (var w in r.Warnings)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}:{w.Line}: warning: {w.Message}"));
            }
        }

        var failed = reports.Count(r => r.HasErrors);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{reports.Count} file(s), {reports.Sum(r => r.Stories)} stories{(dryRun ? " read" : "")}; {failed} file(s) with errors, {reports.Sum(r => r.Warnings.Count)} warning(s)."));
    }

    private static async Task<int> ExportAsync(string[] args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        string? format = null;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--format" when i + 1 < args.Length: format = args[++i]; break;
                case "--output" when i + 1 < args.Length: output = args[++i]; break;
                case "-h" or "--help":
                    stdout.WriteLine(ExportUsage);
                    return Success;
                default:
                    return Usage(stderr, $"unexpected argument '{args[i]}'\n{ExportUsage}");
            }
        }

        if (format is not ("json" or "archive") || string.IsNullOrWhiteSpace(output))
        {
            return Usage(stderr, format is null || format is "json" or "archive" ? $"--format and --output are both needed\n{ExportUsage}" : $"unknown format '{format}'\n{ExportUsage}");
        }

        await StoriesDatabase.MigrateAsync(services, ct);
        Directory.CreateDirectory(output);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoriesDbContext>();
        var stories = await db.Stories
            .AsNoTracking()
            .Where(s => s.State == StoryState.Published)
            .Include(s => s.Section)
            .Include(s => s.Updates).ThenInclude(u => u.Links)
            .Include(s => s.Countries)
            .AsSplitQuery()
            .OrderBy(s => s.Section.Name).ThenBy(s => s.SourceFile).ThenBy(s => s.SourceLine).ThenBy(s => s.Id)
            .ToListAsync(ct);
        var records = stories.Select(StoryMapping.ToArchiveStory).ToList();

        var written = new List<string>();
        if (format == "json")
        {
            var path = Path.Combine(output, "stories.json");
            await using (var file = File.Create(path))
            {
                await JsonSerializer.SerializeAsync(file, new { stories = records.Select(ArchiveJson.ToJson) }, ArchiveJson.Options, ct);
            }

            written.Add(path);
        }
        else
        {
            foreach (var section in records.GroupBy(r => r.Section, StringComparer.Ordinal))
            {
                var path = Path.Combine(output, Slug.From(section.Key, "section") + ".txt");
                await File.WriteAllTextAsync(path, ArchiveWriter.WritePage(section.Key, section), new System.Text.UTF8Encoding(false), ct);
                written.Add(path);
            }
        }

        foreach (var path in written)
        {
            stdout.WriteLine(path);
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Exported {records.Count} stories to {written.Count} file(s)."));
        return Success;
    }

    private const string CreateEditorUsage = "usage: create-editor --email EMAIL [--admin] [--password-stdin]";

    /// <summary>
    /// Creates an editor account (role Editor, or Admin with --admin). The password is read from
    /// stdin (one line) with --password-stdin; otherwise a strong one is generated and printed once.
    /// </summary>
    private static async Task<int> CreateEditorAsync(string[] args, IServiceProvider services, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        string? email = null;
        var admin = false;
        var passwordFromStdin = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--email" when i + 1 < args.Length: email = args[++i]; break;
                case "--admin": admin = true; break;
                case "--password-stdin": passwordFromStdin = true; break;
                case "-h" or "--help":
                    stdout.WriteLine(CreateEditorUsage);
                    return Success;
                default:
                    return Usage(stderr, $"unexpected argument '{args[i]}'\n{CreateEditorUsage}");
            }
        }

        if (string.IsNullOrWhiteSpace(email))
        {
            return Usage(stderr, $"--email is needed\n{CreateEditorUsage}");
        }

        string? password = null;
        if (passwordFromStdin)
        {
            password = (await stdin.ReadLineAsync(ct))?.TrimEnd('\r');
            if (string.IsNullOrEmpty(password))
            {
                return Usage(stderr, "--password-stdin: no password on standard input");
            }
        }

        await StoriesDatabase.MigrateAsync(services, ct);
        await using var scope = services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<EditorDirectory>();
        var created = await directory.CreateAsync(email, password, admin, AuditLog.CommandLineActor, ct);
        if (!created.Result.Succeeded)
        {
            stderr.WriteLine($"create-editor: the account for {email} was not created:");
            foreach (var error in created.Result.Errors)
            {
                stderr.WriteLine($"  {error.Description}");
            }

            return FileError;
        }

        stdout.WriteLine($"Created {(admin ? EditorRoles.Admin : EditorRoles.Editor)} {created.User!.Email}; sign in at {EditorAccounts.SignInPath}.");
        if (created.GeneratedPassword is { } generated)
        {
            stdout.WriteLine($"Password (shown only now): {generated}");
        }

        return Success;
    }

    private const string BackupUsage = "usage: backup --output FILE";
    private const string RestoreUsage = "usage: restore --input FILE";

    /// <summary>Writes a consistent copy of the database to a new file while the site may go on serving and writing.</summary>
    private static async Task<int> BackupAsync(string[] args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (!TryReadSingleOption(args, "--output", BackupUsage, stdout, stderr, out var output, out var exit))
        {
            return exit;
        }

        if (!OnSqlite(services, "backup", stderr))
        {
            return UsageError;
        }

        await StoriesDatabase.MigrateAsync(services, ct);
        var outcome = SqliteBackup.Backup(ConnectionString(services), output);
        return Report("backup", outcome, stdout, stderr);
    }

    /// <summary>
    /// Replaces the database with a backup after checking it (integrity, a People's Stories schema this
    /// version knows), saving the replaced database beside it first, then brings an older backup's
    /// schema up to date.
    /// </summary>
    private static async Task<int> RestoreAsync(string[] args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (!TryReadSingleOption(args, "--input", RestoreUsage, stdout, stderr, out var input, out var exit))
        {
            return exit;
        }

        if (!OnSqlite(services, "restore", stderr))
        {
            return UsageError;
        }

        var connectionString = ConnectionString(services);
        var live = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        var stamp = services.GetRequiredService<TimeProvider>().GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var safetyCopy = $"{live}.before-restore-{stamp}";
        IReadOnlySet<string> known;
        await using (var scope = services.CreateAsyncScope())
        {
            known = scope.ServiceProvider.GetRequiredService<StoriesDbContext>().Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        }

        var outcome = SqliteBackup.Restore(connectionString, input, safetyCopy, known);
        if (outcome.Succeeded)
        {
            await StoriesDatabase.MigrateAsync(services, ct);
        }

        return Report("restore", outcome, stdout, stderr);
    }

    private static bool TryReadSingleOption(string[] args, string option, string usage, TextWriter stdout, TextWriter stderr, out string value, out int exitCode)
    {
        value = "";
        exitCode = Success;
        if (args is ["-h" or "--help"])
        {
            stdout.WriteLine(usage);
            return false;
        }

        if (args.Length != 2 || args[0] != option || string.IsNullOrWhiteSpace(args[1]))
        {
            exitCode = Usage(stderr, $"{option} FILE is needed (and nothing else)\n{usage}");
            return false;
        }

        value = args[1];
        return true;
    }

    /// <summary>Backup and restore copy an SQLite file; a PostgreSQL server has its own tools, named in the refusal.</summary>
    private static bool OnSqlite(IServiceProvider services, string command, TextWriter stderr)
    {
        using var scope = services.CreateScope();
        if (!scope.ServiceProvider.GetRequiredService<StoriesDbContext>().OnPostgres)
        {
            return true;
        }

        stderr.WriteLine($"{command}: the database is PostgreSQL; {command} copies an SQLite file. Use pg_dump --format=custom (and pg_restore) instead, as README.md describes.");
        return false;
    }

    private static string ConnectionString(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<StoriesDbContext>().Database.GetConnectionString()!;
    }

    private static int Report(string command, BackupOutcome outcome, TextWriter stdout, TextWriter stderr)
    {
        if (!outcome.Succeeded)
        {
            stderr.WriteLine($"{command}: refused: {outcome.Message}");
            return FileError;
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{outcome.Message}: {outcome.Stories} stories, {outcome.GuestbookEntries} guestbook entries, {outcome.Bytes} bytes."));
        return Success;
    }

    private static int Usage(TextWriter stderr, string message)
    {
        stderr.WriteLine(message);
        return UsageError;
    }

    /// <summary>Reports on the calling thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
