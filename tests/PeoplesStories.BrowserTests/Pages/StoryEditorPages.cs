using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace PeoplesStories.BrowserTests.Pages;

/// <summary>The story form, on the new-story page and on a story's edit page.</summary>
public class StoryFormPage(IPage page) : EditorAreaPage(page)
{
    public ILocator Form => Main.Locator("form.story-form");

    public ILocator TitleBox => Form.GetByLabel("Title", new() { Exact = true });

    public ILocator BylineBox => Form.GetByLabel("Byline (without “by”)", new() { Exact = true });

    public ILocator NewSectionBox => Form.GetByLabel("or a new section", new() { Exact = true });

    public ILocator Update(int index) => Form.Locator($"#update-{index}");

    public ILocator DateBox(int index) => Update(index).Locator("input[name$='DateText']");

    public ILocator HeadlineBox(int index) => Update(index).Locator("input[name$='Headline']");

    public ILocator BodyBox(int index) => Update(index).Locator("textarea[name$='Body']");

    public ILocator LinksBox(int index) => Update(index).Locator("textarea[name$='Links']");

    public ILocator SummaryBox => Form.Locator("input[name='Input.Summary']");

    public ILocator Button(string name) => Form.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).First;

    public ILocator CountryBox(string code) => Form.Locator($"#country-{code} input[type=checkbox]");

    public ILocator PrimaryRadio(string code) => Form.Locator($"#country-{code} input[type=radio]");

    /// <summary>Presses a button that only changes the form (add an update, suggest countries, preview) and waits for the form again.</summary>
    public async Task PressAsync(string button)
    {
        await AnswerAsync(Button(button));
        await Expect(Form).ToBeVisibleAsync();
    }

    /// <summary>
    /// Presses the form's button for <paramref name="act"/> (save, preview, add …), chosen by its value
    /// rather than its place (Save comes first), and returns the answer the page ends on: the form
    /// shown again (a POST), the page a save redirects to, or an error page.
    /// </summary>
    public Task<IResponse> ActAsync(string act) =>
        AnswerAsync(Form.Locator($"button[name='act'][value='{act}']").First);

    /// <summary>
    /// Clicks <paramref name="button"/> and returns once the answer's document has replaced this one and
    /// finished loading.
    /// </summary>
    /// <remarks>
    /// The answer often comes to the same address, so neither the address nor the load state tells the
    /// two documents apart: the load state can still be the old document's when the response arrives,
    /// and the new document's load event can come and go before a wait for it starts. So this document
    /// is marked first, and the wait is for a document without the mark whose readyState is complete.
    /// </remarks>
    private async Task<IResponse> AnswerAsync(ILocator button)
    {
        await Page.EvaluateAsync("() => { document.documentElement.dataset.answered = 'pending'; }");
        var response = await Page.RunAndWaitForResponseAsync(
            () => button.ClickAsync(),
            answer => answer.Request.IsNavigationRequest && answer.Status is not (301 or 302 or 303));
        await Expect(Page.Locator("html[data-answered]")).ToHaveCountAsync(0);
        await Page.WaitForFunctionAsync("() => document.readyState === 'complete'");
        return response;
    }

    /// <summary>Saves and waits for the story's edit page.</summary>
    public async Task<StoryEditPage> SaveAsync()
    {
        await Button("Save").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/editor/stories/\d+$"));
        await Page.WaitForLoadStateAsync(LoadState.Load);
        await Expect(Notice).ToContainTextAsync("revision");
        return new StoryEditPage(Page);
    }
}

/// <summary>A story's edit page: its state, Publish and Unpublish, the form, and the link to its history.</summary>
public sealed class StoryEditPage(IPage page) : StoryFormPage(page)
{
    public ILocator State => Main.Locator("#story-state");

    /// <summary>The link to the story as readers see it (a published story only).</summary>
    public ILocator ReaderLink => Main.Locator("#reader-link");

    public async Task PublishAsync()
    {
        await Main.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Expect(State).ToHaveTextAsync("Published");
        await Page.WaitForLoadStateAsync(LoadState.Load);
    }

    public async Task<StoryHistoryPage> OpenHistoryAsync()
    {
        await FollowAsync(Main.Locator("#history-link"), "/history");
        return new StoryHistoryPage(Page);
    }
}

/// <summary>A story's revisions, with Compare and Restore.</summary>
public sealed class StoryHistoryPage(IPage page) : EditorAreaPage(page)
{
    public ILocator Rows => Main.Locator("#revisions tbody tr");

    public async Task<StoryDiffPage> CompareAsync(int from, int to)
    {
        await Main.GetByLabel("Compare revision", new() { Exact = true }).SelectOptionAsync(from.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Main.GetByLabel("with", new() { Exact = true }).SelectOptionAsync(to.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Main.GetByRole(AriaRole.Button, new() { Name = "Compare", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($@"/diff\?from={from}&to={to}$"));
        await Page.WaitForLoadStateAsync(LoadState.Load);
        return new StoryDiffPage(Page);
    }

    public async Task RestoreAsync(int number)
    {
        await Main.Locator($"#revision-{number}").GetByRole(AriaRole.Button, new() { Name = $"Restore revision {number}", Exact = true }).ClickAsync();
        await Expect(Notice).ToContainTextAsync($"Revision {number} is restored");
        await Page.WaitForLoadStateAsync(LoadState.Load);
    }
}

/// <summary>Two revisions compared word by word.</summary>
public sealed class StoryDiffPage(IPage page) : EditorAreaPage(page)
{
    public ILocator Deleted => Main.Locator(".diff-text del");

    public ILocator Inserted => Main.Locator(".diff-text ins");
}
