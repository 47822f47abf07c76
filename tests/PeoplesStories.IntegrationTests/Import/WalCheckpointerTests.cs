using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PeoplesStories.Archive.Countries;
using PeoplesStories.Archive.Parsing;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Import;
using PeoplesStories.Web.Reading;
using static PeoplesStories.Testing.ArchiveText;

namespace PeoplesStories.IntegrationTests.Import;

/// <summary>
/// An import's committed groups are copied from SQLite's WAL into the database file by a thread and
/// connection of their own (<see cref="WalCheckpointer"/>) while the import goes on, and that thread
/// ends with the run, finished or not.
/// </summary>
/// <remarks>The process's threads are counted, so these tests run alone (see <see cref="RunsAloneCollection"/>).</remarks>
[Collection(RunsAloneCollection.Name)]
public sealed class WalCheckpointerTests : IDisposable
{
    private readonly StoriesAppFactory app = new(importSeeds: false);

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_committed_group_reaches_the_database_file_while_the_run_goes_on()
    {
        await app.ScalarAsync("SELECT 1");
        await app.ScalarAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        var before = new FileInfo(app.DatabasePath).Length;

        await using var scope = app.Services.CreateAsyncScope();
        await using var importer = Importer(scope);
        var report = await importer.ImportAsync(ArchiveParser.Default.ParseText("a.txt", ManyStories(200)));
        Assert.Equal(200, report.StoriesAdded);

        // The group was committed at the file's end (its clock says two seconds have gone). The
        // writer's own checkpoint is 32,768 pages away, so only the checkpoint thread copies it now.
        Assert.True(
            await EventuallyAsync(() => new FileInfo(app.DatabasePath).Length > before),
            $"The database file stayed at {before} bytes while the run was open; the committed group was not copied into it.");
        Assert.Equal("200", await app.ScalarAsync("""SELECT count(*) FROM "Stories" """));

        await importer.FinishAsync();
        Assert.Equal(0, new FileInfo(app.DatabasePath + "-wal").Length);
        Assert.Equal("200", await app.ScalarAsync("""SELECT count(*) FROM "Stories" """));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_checkpoint_thread_ends_with_the_run(bool finished)
    {
        await app.ScalarAsync("SELECT 1");
        var before = CheckpointThreads();
        await using var scope = app.Services.CreateAsyncScope();
        await using var importer = Importer(scope);
        await importer.ImportAsync(ArchiveParser.Default.ParseText("a.txt", ManyStories(3)));

        var started = CheckpointThreads().Except(before).ToList();
        Assert.Single(started);
        if (finished)
        {
            await importer.FinishAsync();
        }

        // A run that stops part way (no FinishAsync) ends it as surely as one that finishes. (Disposing
        // again at the end of the test, should an assertion fail first, does nothing more.)
        await importer.DisposeAsync();
        Assert.False(Directory.Exists($"/proc/self/task/{started[0]}"), "The checkpoint thread outlived its run.");
        Assert.Equal("3", await app.ScalarAsync("""SELECT count(*) FROM "Stories" """));
    }

    [Fact]
    public async Task An_in_memory_database_has_no_checkpoint_thread()
    {
        await using var writer = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        await writer.OpenAsync();
        Assert.Null(WalCheckpointer.Start(writer, NullLogger.Instance));
    }

    /// <summary>An importer whose every file ends its group: the clock moves on two seconds each time it is read.</summary>
    private static ArchiveImporter Importer(AsyncServiceScope scope)
    {
        var services = scope.ServiceProvider;
        return new ArchiveImporter(
            services.GetRequiredService<StoriesDbContext>(),
            services.GetRequiredService<CountryGazetteer>(),
            new SteppingClock(ArchiveImporter.CommitInterval),
            services.GetRequiredService<ContentVersion>(),
            NullLogger<ArchiveImporter>.Instance);
    }

    private static string ManyStories(int count) => Page("Freedom", [.. Enumerable.Range(0, count).SelectMany(i => Story(
        $"Story number {i}", "Agency", "June 2025",
        string.Join(' ', Enumerable.Repeat($"Paragraph of story {i}, long enough to fill pages of the database as a real one would.", 20))))]);

    /// <summary>The ids of this process's threads named as the checkpoint thread is (the tests of this class run alone, so they are its own).</summary>
    private static List<string> CheckpointThreads()
    {
        var threads = new List<string>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == WalCheckpointer.ThreadName)
                {
                    threads.Add(Path.GetFileName(task));
                }
            }
            catch (IOException)
            {
                // A thread that ended while the folder was read.
            }
        }

        return threads;
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(15))
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long now;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref now, step.Ticks);
    }
}
