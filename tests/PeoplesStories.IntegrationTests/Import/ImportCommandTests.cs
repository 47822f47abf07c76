using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Testing;
using PeoplesStories.Web.Cli;
using static PeoplesStories.Testing.ArchiveText;

namespace PeoplesStories.IntegrationTests.Import;

/// <summary>The import command against a real SQLite file: idempotence, merging, bad files, dry runs.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly StoriesAppFactory app = new(importSeeds: false);
    private readonly string inbox = Directory.CreateTempSubdirectory("stories-inbox-").FullName;

    public void Dispose()
    {
        app.Dispose();
        Directory.Delete(inbox, recursive: true);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(inbox, name);
        File.WriteAllText(path, text);
        return path;
    }

    private Task<int> Count<T>() where T : class => app.QueryAsync(db => db.Set<T>().CountAsync());

    [Fact]
    public async Task Importing_the_same_files_again_changes_nothing()
    {
        var first = await app.RunCommandAsync("import", RepoPaths.Seeds);
        Assert.Equal(CommandLine.Success, first.ExitCode);
        Assert.Contains("2 added", first.Stdout, StringComparison.Ordinal);
        var before = await app.QueryAsync(db => db.Stories.OrderBy(s => s.Id).Select(s => new { s.Id, s.Version, s.UpdatedAt, Updates = s.Updates.Count }).ToListAsync());

        var second = await app.RunCommandAsync("import", RepoPaths.SeedFile);
        Assert.Equal(CommandLine.Success, second.ExitCode);
        Assert.Contains("0 added, 0 merged, 2 unchanged; 0 updates added", second.Stdout, StringComparison.Ordinal);

        var after = await app.QueryAsync(db => db.Stories.OrderBy(s => s.Id).Select(s => new { s.Id, s.Version, s.UpdatedAt, Updates = s.Updates.Count }).ToListAsync());
        Assert.Equal(before, after);
        Assert.Equal(4, await Count<Web.Data.StoryUpdate>());
        Assert.Equal(53, await Count<Web.Data.SourceLink>());
    }

    [Fact]
    public async Task A_reissued_story_gains_only_its_new_update_in_its_place()
    {
        await app.RunCommandAsync("import", RepoPaths.SeedFile);

        // The same story, title and byline spaced and quoted differently, with a newer update on top.
        var reissue = Page("Freedom", Story(
            "Cambodian  authorities are not doing enough to stop scamming compounds",
            "Amnesty International,  OHCHR, agencies",
            "Oct. 2025", "Authorities raided two more compounds.", "http://example.org/2025/10/raids",
            "June 2025", "The Cambodian government is ignoring a litany of human rights abuses including slavery, human trafficking, child labour and torture being carried out by criminal gangs on a vast scale in more than 50 scamming compounds across the country, Amnesty International said in a new report published today."));
        var result = await app.RunCommandAsync("import", Write("reissue.txt", reissue));

        Assert.Equal(CommandLine.Success, result.ExitCode);
        Assert.Contains("0 added, 1 merged, 0 unchanged; 1 updates added", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, await Count<Web.Data.Story>());
        var updates = await app.QueryAsync(db => db.StoryUpdates
            .Where(u => u.Story.Title.StartsWith("Cambodian"))
            .OrderBy(u => u.Position)
            .Select(u => new { u.DateText, Paragraphs = u.Body.Length })
            .ToListAsync());
        Assert.Equal(["Oct. 2025", "June 2025", "Aug. 2023"], updates.Select(u => u.DateText));
        var story = await app.QueryAsync(db => db.Stories.SingleAsync(s => s.Title.StartsWith("Cambodian")));
        Assert.Equal(new DateOnly(2025, 10, 1), story.LatestUpdateOn);
        Assert.Equal(2, story.Version);

        // And once more: nothing is duplicated.
        var again = await app.RunCommandAsync("import", Path.Combine(inbox, "reissue.txt"));
        Assert.Contains("0 added, 0 merged, 1 unchanged", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(5, await Count<Web.Data.StoryUpdate>());
    }

    [Fact]
    public async Task A_bad_file_beside_good_ones_is_reported_and_stores_nothing()
    {
        Write("a-good.txt", Page("Freedom", Story("Good one", "Agency", "June 2025", "Text.")));
        Write("b-bad.txt", Page("Freedom", [.. Story("Would be stored", "Agency", "June 2025", "Text."), .. Story("Broken", "Agency", "May 2025", "Text.", "April 2025")]));
        Write("c-good.txt", Page("Women", Story("Good two", "Agency", "2024", "Text.")));

        var result = await app.RunCommandAsync("import", inbox);

        Assert.Equal(CommandLine.FileError, result.ExitCode);
        Assert.Contains("b-bad.txt: not imported", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("b-bad.txt:21: error:", result.Stdout, StringComparison.Ordinal);
        var titles = await app.QueryAsync(db => db.Stories.OrderBy(s => s.Title).Select(s => s.Title).ToListAsync());
        Assert.Equal(["Good one", "Good two"], titles);
        Assert.Equal(["freedom", "women"], await app.QueryAsync(db => db.Sections.OrderBy(s => s.Slug).Select(s => s.Slug).ToListAsync()));
    }

    [Fact]
    public async Task Dry_run_json_prints_the_parse_in_the_agreed_shape_and_stores_nothing()
    {
        var bad = Write("bad.txt", "not an archive page\n");
        var result = await app.RunCommandAsync("import", "--dry-run", "--json", RepoPaths.SeedFile, bad);

        Assert.Equal(CommandLine.FileError, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(["files", "stories"], root.EnumerateObject().Select(p => p.Name));

        var seedFile = root.GetProperty("files")[0];
        Assert.Equal(["file", "section", "stories", "errors", "warnings"], seedFile.EnumerateObject().Select(p => p.Name));
        Assert.Equal("000_bc923a49c6dd647c.txt", seedFile.GetProperty("file").GetString());
        Assert.Equal("Freedom", seedFile.GetProperty("section").GetString());
        Assert.Equal(2, seedFile.GetProperty("stories").GetInt32());

        var badFile = root.GetProperty("files")[1];
        Assert.Equal(0, badFile.GetProperty("stories").GetInt32());
        var error = badFile.GetProperty("errors")[0];
        Assert.Equal(["line", "message"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, error.GetProperty("line").GetInt32());

        var stories = root.GetProperty("stories");
        Assert.Equal(2, stories.GetArrayLength());
        var story = stories[0];
        Assert.Equal(["file", "line", "title", "byline", "section", "countries", "primaryCountry", "updates"], story.EnumerateObject().Select(p => p.Name));
        Assert.Equal(6, story.GetProperty("line").GetInt32());
        Assert.Equal("Amnesty International, OHCHR, agencies", story.GetProperty("byline").GetString());
        Assert.Equal("KH", story.GetProperty("primaryCountry").GetString());
        var countries = story.GetProperty("countries").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(countries.Order(StringComparer.Ordinal), countries);
        var update = story.GetProperty("updates")[0];
        Assert.Equal(["line", "date", "dateText", "dateInferred", "headline", "paragraphs", "links"], update.EnumerateObject().Select(p => p.Name));
        Assert.Equal(9, update.GetProperty("line").GetInt32());
        Assert.Equal("2025-06", update.GetProperty("date").GetString());
        Assert.Equal("June 2025", update.GetProperty("dateText").GetString());
        Assert.False(update.GetProperty("dateInferred").GetBoolean());
        Assert.Equal(JsonValueKind.Null, update.GetProperty("headline").ValueKind);
        var link = update.GetProperty("links")[0];
        Assert.Equal(["url", "host", "date"], link.EnumerateObject().Select(p => p.Name));
        Assert.Equal("amnesty.org", link.GetProperty("host").GetString());

        var inferred = stories[1].GetProperty("updates")[0];
        Assert.Equal("2025-06-13", inferred.GetProperty("date").GetString());
        Assert.True(inferred.GetProperty("dateInferred").GetBoolean());
        Assert.Equal(JsonValueKind.Null, inferred.GetProperty("dateText").ValueKind);

        Assert.Equal(0, await Count<Web.Data.Story>());
    }

    [Fact]
    public async Task A_story_given_twice_in_one_file_is_stored_once_with_every_update()
    {
        var page = Page("Freedom",
        [
            .. Story("Twice", "Agency", "June 2025", "Newer.", "May 2025", "Older."),
            .. Story("Twice", "Agency", "May 2025", "Older.", "April 2025", "Oldest."),
        ]);
        var result = await app.RunCommandAsync("import", Write("twice.txt", page));

        Assert.Equal(CommandLine.Success, result.ExitCode);
        Assert.Equal(1, await Count<Web.Data.Story>());
        var dates = await app.QueryAsync(db => db.StoryUpdates.OrderBy(u => u.Position).Select(u => u.DateText).ToListAsync());
        Assert.Equal(["June 2025", "May 2025", "April 2025"], dates);
    }

    [Fact]
    public async Task Stories_with_the_same_title_but_other_bylines_get_their_own_slugs()
    {
        await app.RunCommandAsync("import", Write("one.txt", Page("Freedom", Story("Same title", "Agency A", "2024", "A."))));
        await app.RunCommandAsync("import", Write("two.txt", Page("Women", [.. Story("Same title", "Agency B", "2024", "B."), .. Story("Same  Title", "Agency C", "2023", "C.")])));

        var slugs = await app.QueryAsync(db => db.Stories.OrderBy(s => s.Id).Select(s => s.Slug).ToListAsync());
        Assert.Equal(["same-title", "same-title-2", "same-title-3"], slugs);

        // Found again by slug and key: nothing new on a second import.
        var again = await app.RunCommandAsync("import", inbox);
        Assert.Contains("0 added, 0 merged, 2 unchanged", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, await Count<Web.Data.Story>());
    }

    [Theory]
    [InlineData("import")]
    [InlineData("import", "--force", "x")]
    [InlineData("export", "--format", "xml", "--output", "out")]
    [InlineData("export", "--format", "json")]
    public async Task Usage_errors_exit_with_2(params string[] args)
    {
        var result = await app.RunCommandAsync(args);
        Assert.Equal(CommandLine.UsageError, result.ExitCode);
        Assert.Contains("usage:", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_path_is_a_file_error()
    {
        var result = await app.RunCommandAsync("import", Path.Combine(inbox, "nowhere.txt"));
        Assert.Equal(CommandLine.FileError, result.ExitCode);
        Assert.Contains("No such file or folder. Check the path", result.Stdout, StringComparison.Ordinal);

        // A relative path names the folder it was read from (`dotnet run --project` starts in the project's folder).
        var relative = await app.RunCommandAsync("import", "no-such-folder-zq81x");
        Assert.Equal(CommandLine.FileError, relative.ExitCode);
        Assert.Contains($"no-such-folder-zq81x:0: error: No such file or folder (a relative path is read from {Environment.CurrentDirectory}).", relative.Stdout, StringComparison.Ordinal);
    }
}
