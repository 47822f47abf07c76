using System.Net;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Testing;
using PeoplesStories.Web.Data;
using static PeoplesStories.IntegrationTests.Editor.EditorSession;
using static PeoplesStories.IntegrationTests.Editor.StoryFormClient;

namespace PeoplesStories.IntegrationTests.Rendering;

/// <summary>
/// The story editor is the one input whose text is Markdown turned into HTML: every payload of the XSS
/// corpus goes into its title, byline, headline, Markdown text and sources, through the preview, the
/// save, the publish and an edit, and no page that shows the story (the refused form, the preview, the
/// edit page, the history, the diff, the reader's story page, home and search) carries one as live markup.
/// </summary>
public sealed class StoryEditorRenderingTests : IDisposable
{
    private const string EditorEmail = "xss-writer@example.org";

    /// <summary>The fields of the new-story form that carry a payload, in the order payloads are dealt to them.</summary>
    private static readonly string[] Fields =
        ["Input.Title", "Input.Byline", "Input.Updates[0].Headline", "Input.Updates[0].Body"];

    private readonly StoriesAppFactory app = new(importSeeds: false);
    private readonly XssProbe probe = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Payloads_written_into_stories_never_come_back_as_live_markup()
    {
        await CreateEditorAsync(app, EditorEmail);
        using var editor = await SignedInClientAsync(app, EditorEmail);
        using var reader = NewClient(app);
        var payloads = XssCorpus.Payloads;
        var saved = new List<string>();

        for (var first = 0; first < payloads.Count; first += Fields.Length)
        {
            var page = await editor.GetDocumentAsync("/editor/stories/new");
            var fields = FieldsOf(page).Set("Input.NewSection", "Testimony").Set("Input.Updates[0].DateText", "Aug. 2023");
            for (var i = 0; i < Fields.Length; i++)
            {
                fields.Set(Fields[i], payloads[(first + i) % payloads.Count]);
            }

            // A payload as a source is no http(s) address: the form is refused and shows it back.
            var refused = new List<KeyValuePair<string, string>>(fields).Set("Input.Updates[0].Links", payloads[first]);
            await CheckAnswerAsync(editor, await PostAsync(editor, "/editor/stories/new", refused), $"refused sources {first}");
            await CheckAnswerAsync(editor, await PostAsync(editor, "/editor/stories/new", fields, "preview"), $"preview {first}");

            using var save = await PostAsync(editor, "/editor/stories/new", fields.Set("Input.Updates[0].Links", "https://example.org/report"));
            if (save.StatusCode == HttpStatusCode.Redirect)
            {
                saved.Add(save.Headers.Location!.OriginalString);
            }

            await CheckAnswerAsync(editor, save, $"save {first}");
        }

        // A title of only spaces or a NUL is refused; nearly every payload makes a story.
        Assert.True(saved.Count > payloads.Count / Fields.Length * 8 / 10, $"only {saved.Count} stories were saved");

        for (var i = 0; i < saved.Count; i++)
        {
            var storyUrl = saved[i];
            using (var published = await StateAsync(editor, storyUrl, "Publish"))
            {
                Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
            }

            // A second revision with the next story's text, so the diff shows payloads deleted and inserted.
            var edit = FieldsOf(await editor.GetDocumentAsync(storyUrl))
                .Set("Input.Updates[0].Body", payloads[(i * Fields.Length + Fields.Length + 3) % payloads.Count]);
            using (var resaved = await PostAsync(editor, storyUrl, edit))
            {
                await CheckAnswerAsync(editor, resaved, $"edit {i}");
            }

            await probe.CheckAsync(editor, storyUrl + "/history", $"history {i}");
            await probe.CheckAsync(editor, storyUrl + "/diff?from=1&to=2", $"diff {i}");
        }

        // A payload that is itself an http(s) address is a valid source, so that "refused" form saved a draft: readers see published stories only.
        foreach (var slug in await app.QueryAsync(db => db.Stories.Where(s => s.State == StoryState.Published).Select(s => s.Slug).ToListAsync()))
        {
            await probe.CheckAsync(reader, $"/stories/{slug}", "story");
        }

        await probe.CheckWithFollowingPagesAsync(reader, "/");
        await probe.CheckWithFollowingPagesAsync(editor, "/editor");
        foreach (var word in XssInputs.SnippetSearches)
        {
            await probe.CheckWithFollowingPagesAsync(reader, "/search?q=" + Uri.EscapeDataString(word));
        }

        Assert.True(probe.PagesChecked > payloads.Count, $"only {probe.PagesChecked} pages were checked");
        Assert.True(probe.Findings.Count == 0, $"{probe.Findings.Count} live markup finding(s) on {probe.PagesChecked} pages:\n" + string.Join("\n", probe.Findings.Take(40)));
    }

    /// <summary>Checks what a POST ended on: the page it redirected to, or the form it showed again.</summary>
    private async Task CheckAnswerAsync(HttpClient client, HttpResponseMessage response, string label)
    {
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                await probe.CheckAsync(client, response.Headers.Location!.OriginalString, label);
                return;
            }

            // 400: a NUL character, which no form accepts; the site's error page answers.
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{label} answered {(int)response.StatusCode}");
            probe.Check(await ParseAsync(response), label);
        }
    }
}
