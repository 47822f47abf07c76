using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Editor.Stories;
using static PeoplesStories.IntegrationTests.Editor.EditorSession;
using static PeoplesStories.IntegrationTests.Editor.StoryFormClient;
using static PeoplesStories.Testing.ArchiveText;

namespace PeoplesStories.IntegrationTests.Editor;

/// <summary>Imported stories start with an "imported from FILE:LINE" revision; a re-import never overwrites an editor's change.</summary>
public sealed class StoryImportRevisionTests : IDisposable
{
    private const string Writer = "writer@example.org";

    private readonly StoriesAppFactory app = new(importSeeds: false);
    private readonly string inbox = Directory.CreateTempSubdirectory("stories-inbox-").FullName;

    public void Dispose()
    {
        app.Dispose();
        Directory.Delete(inbox, recursive: true);
    }

    private string Write(string name, params string[][] stories)
    {
        var path = Path.Combine(inbox, name);
        File.WriteAllText(path, Page("Freedom", [.. stories.SelectMany(s => s)]));
        return path;
    }

    private Task<List<StoryRevision>> RevisionsAsync() =>
        app.QueryAsync(db => db.StoryRevisions.AsNoTracking().OrderBy(r => r.StoryId).ThenBy(r => r.Number).ToListAsync());

    private Task<Story> OnlyStoryAsync() =>
        app.QueryAsync(db => db.Stories.AsNoTracking().Include(s => s.Updates).SingleAsync());

    [Fact]
    public async Task An_imported_story_starts_with_an_imported_revision_and_a_merge_adds_another()
    {
        var first = await app.RunCommandAsync("import", Write("dam.txt", Story("Dam protest", "Agency", "2024", "Villagers protested.")));
        Assert.Equal(0, first.ExitCode);
        var revision = Assert.Single(await RevisionsAsync());
        Assert.Equal((RevisionKinds.Imported, "import", "imported from dam.txt:5", 1), (revision.Kind, revision.Author, revision.Summary, revision.Number));

        // Its text is the story as stored, written into the revision only when something changes the story.
        Assert.Null(revision.Snapshot);
        Assert.Equal(["Villagers protested."], (await RevisionTextAsync(revision.StoryId, 1))!.Updates.Select(u => u.Body));

        // An imported update is plain paragraphs: no HTML is stored for it, and readers get each paragraph escaped in a p.
        var stored = await OnlyStoryAsync();
        Assert.Null(stored.Updates.Single().BodyHtml);
        using (var reader = app.CreateClient())
        {
            Assert.Contains("<p>Villagers protested.</p>", await reader.GetStringAsync($"/stories/{stored.Slug}"), StringComparison.Ordinal);
        }

        var again = await app.RunCommandAsync("import", Write("dam2.txt", Story("Dam protest", "Agency", "2025", "The dam was halted.", "2024", "Villagers protested.")));
        Assert.Equal(0, again.ExitCode);
        var revisions = await RevisionsAsync();
        Assert.Equal([1, 2], revisions.Select(r => r.Number));
        Assert.Equal("imported from dam2.txt:5", revisions[1].Summary);
        Assert.Contains("The dam was halted.", revisions[1].Snapshot, StringComparison.Ordinal);

        // The merge wrote the first revision's text, as imported, before it changed the story.
        Assert.Equal(["Villagers protested."], StorySnapshot.FromJson(revisions[0].Snapshot!).Updates.Select(u => u.Body));
        Assert.Equal(["Villagers protested."], (await RevisionTextAsync(revisions[0].StoryId, 1))!.Updates.Select(u => u.Body));
    }

    [Fact]
    public async Task An_editors_save_keeps_the_imported_text_as_the_first_revision_which_the_diff_shows_and_a_restore_brings_back()
    {
        await app.RunCommandAsync("import", Write("dam.txt", Story("Dam protest", "Agency", "2024", "Villagers protested.")));
        await CreateEditorAsync(app, Writer);
        using var editor = await SignedInClientAsync(app, Writer);
        var story = await OnlyStoryAsync();
        var url = $"/editor/stories/{story.Id}";

        // Before any change, the history's only revision reads as the story stands (a revision without text would be a 404).
        Assert.NotNull((await editor.GetDocumentAsync(url + "/diff")).QuerySelector("#no-changes"));

        using (var saved = await PostAsync(editor, url, FieldsOf(await editor.GetDocumentAsync(url)).Set("Input.Updates[0].Body", "Hundreds of villagers protested.")))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var revisions = await RevisionsAsync();
        Assert.Equal([RevisionKinds.Imported, RevisionKinds.Edited], revisions.Select(r => r.Kind));
        Assert.Equal(["Villagers protested."], StorySnapshot.FromJson(revisions[0].Snapshot!).Updates.Select(u => u.Body));
        Assert.Equal(["Hundreds of villagers protested."], StorySnapshot.FromJson(revisions[1].Snapshot!).Updates.Select(u => u.Body));

        var diff = await editor.GetDocumentAsync(url + "/diff?from=1&to=2");
        Assert.Equal(["Villagers"], diff.Texts(".diff-text del"));
        Assert.Equal(["Hundreds of villagers"], diff.Texts(".diff-text ins"));

        Assert.IsType<SaveOutcome.Saved>(await WithDeskAsync(desk => desk.RestoreAsync(story.Id, 1, Writer)));
        Assert.Equal(["Villagers protested."], (await OnlyStoryAsync()).Updates.Select(u => u.Body));
        Assert.Equal([1, 2, 3], (await RevisionsAsync()).Select(r => r.Number));
    }

    [Fact]
    public async Task A_revision_without_text_that_is_not_the_latest_reads_as_missing_never_as_the_story_now()
    {
        await app.RunCommandAsync("import", Write("dam.txt", Story("Dam protest", "Agency", "2024", "Villagers protested.")));
        var id = (await OnlyStoryAsync()).Id;
        var story = (await WithDeskAsync(desk => desk.LoadAsync(id)))!;
        var edited = story.Text with { Updates = [story.Text.Updates[0] with { Body = "The dam was halted." }] };
        Assert.IsType<SaveOutcome.Saved>(await WithDeskAsync(desk => desk.SaveAsync(story.Id, story.Version, edited, Writer, null)));

        // Nothing writes this; should it happen, the story's text now is not revision 1's.
        await app.ScalarAsync("UPDATE \"StoryRevisions\" SET \"Snapshot\" = NULL WHERE \"Number\" = 1");
        Assert.Null(await RevisionTextAsync(story.Id, 1));
        Assert.Equal(["The dam was halted."], (await RevisionTextAsync(story.Id, 2))!.Updates.Select(u => u.Body));
    }

    private Task<T> WithDeskAsync<T>(Func<StoryDesk, Task<T>> use) => app.UseAsync(use);

    private Task<StorySnapshot?> RevisionTextAsync(int storyId, int number) =>
        WithDeskAsync(desk => desk.RevisionAsync(storyId, number));

    [Fact]
    public async Task A_re_import_of_a_story_an_editor_changed_reports_a_conflict_and_keeps_the_editors_text()
    {
        await app.RunCommandAsync("import", Write("dam.txt", Story("Dam protest", "Agency", "2024", "Villagers protested.")));
        await CreateEditorAsync(app, Writer);
        using var editor = await SignedInClientAsync(app, Writer);
        var story = await OnlyStoryAsync();
        var url = $"/editor/stories/{story.Id}";
        using (var saved = await PostAsync(editor, url, FieldsOf(await editor.GetDocumentAsync(url)).Set("Input.Updates[0].Body", "Hundreds of villagers protested.")))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var result = await app.RunCommandAsync("import", "--json", Write("dam2.txt", Story("Dam protest", "Agency", "2025", "The dam was halted.", "2024", "Villagers protested.")));
        Assert.Equal(0, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var file = json.RootElement.GetProperty("files")[0];
        var warning = Assert.Single(file.GetProperty("warnings").EnumerateArray());
        Assert.Equal(5, warning.GetProperty("line").GetInt32());
        Assert.Contains("conflict: the story \"Dam protest\" was changed by an editor", warning.GetProperty("message").GetString(), StringComparison.Ordinal);

        var kept = await OnlyStoryAsync();
        Assert.Equal(["Hundreds of villagers protested."], kept.Updates.Select(u => u.Body));
        Assert.Equal([RevisionKinds.Imported, RevisionKinds.Edited], (await RevisionsAsync()).Select(r => r.Kind));

        var plain = await app.RunCommandAsync("import", Path.Combine(inbox, "dam2.txt"));
        Assert.Contains("dam2.txt:5: warning: conflict:", plain.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stories_stored_before_revisions_were_kept_get_their_first_revision_after_a_start()
    {
        await app.RunCommandAsync("import", Write("dam.txt", Story("Dam protest", "Agency", "2024", "Villagers protested.")));
        await app.ScalarAsync("DELETE FROM \"StoryRevisions\"");

        // What every start runs in the background, once the site serves pages.
        var service = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().Single(s => s.GetType().Name == "RevisionBackfillService");
        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(60));

        var revision = await app.QueryAsync(db => db.StoryRevisions.AsNoTracking().SingleAsync());
        Assert.Equal("imported from dam.txt:5", revision.Summary);
        Assert.Equal(RevisionKinds.Imported, revision.Kind);
        Assert.Equal(1, revision.Number);
    }
}
