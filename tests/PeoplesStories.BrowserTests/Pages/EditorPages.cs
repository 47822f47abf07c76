using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace PeoplesStories.BrowserTests.Pages;

/// <summary>What every page of the editor area has: its navigation, and the site's layout around it.</summary>
public abstract class EditorAreaPage(IPage page) : SitePage(page)
{
    public ILocator Nav => Main.GetByRole(AriaRole.Navigation, new() { Name = "Editor area", Exact = true });

    public ILocator NavLink(string name) => Nav.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public ILocator Notice => Main.GetByRole(AriaRole.Status);

    public async Task<SubmissionsPage> OpenSubmissionsAsync()
    {
        await FollowAsync(NavLink("Submitted stories"), "/editor/submissions");
        return new SubmissionsPage(Page);
    }

    public async Task<AuditPage> OpenAuditAsync()
    {
        await FollowAsync(NavLink("Audit log"), "/editor/audit");
        return new AuditPage(Page);
    }
}

/// <summary>The editors' sign-in form.</summary>
public sealed class EditorSignInPage(IPage page) : SitePage(page)
{
    public ILocator Form => Main.Locator("form").Filter(new() { Has = Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }) });

    public ILocator EmailBox => Form.GetByLabel("Email", new() { Exact = true });

    public ILocator PasswordBox => Form.GetByLabel("Password", new() { Exact = true });

    public ILocator SignInButton => Form.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true });

    public static async Task<EditorSignInPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("/editor/sign-in");
        return new EditorSignInPage(page);
    }

    /// <summary>Types the email and password, submits, and waits for the dashboard.</summary>
    public async Task<EditorDashboardPage> SignInAsync(string email, string password)
    {
        await EmailBox.FillAsync(email);
        await PasswordBox.FillAsync(password);
        await SignInButton.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/editor$"));
        await Page.WaitForLoadStateAsync(LoadState.Load);
        return new EditorDashboardPage(Page);
    }
}

/// <summary>The editors' dashboard.</summary>
public sealed class EditorDashboardPage(IPage page) : EditorAreaPage(page);

/// <summary>The review queue of submitted stories.</summary>
public sealed class SubmissionsPage(IPage page) : EditorAreaPage(page)
{
    public ILocator Row(string title) => Main.Locator("table.submissions-table tbody tr").Filter(new() { HasText = title });

    public async Task<SubmissionReviewPage> OpenAsync(string title)
    {
        await Row(title).GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/editor/submissions/\d+$"));
        await Page.WaitForLoadStateAsync(LoadState.Load);
        return new SubmissionReviewPage(Page);
    }
}

/// <summary>One submitted story under review, with Publish and Reject.</summary>
public sealed class SubmissionReviewPage(IPage page) : EditorAreaPage(page)
{
    public ILocator State => Main.Locator("#submission-state");

    public ILocator PublishButton => Main.GetByRole(AriaRole.Button, new() { Name = "Publish the story", Exact = true });

    public async Task PublishAsync()
    {
        var url = Page.Url;
        await PublishButton.ClickAsync();
        await Expect(PublishButton).ToHaveCountAsync(0);
        await Page.WaitForLoadStateAsync(LoadState.Load);
        Assert.Equal(new Uri(url).AbsolutePath, new Uri(Page.Url).AbsolutePath);
    }
}

/// <summary>The audit log (administrators only).</summary>
public sealed class AuditPage(IPage page) : EditorAreaPage(page)
{
    public ILocator Rows => Main.Locator("table.audit-table tbody tr");

    public ILocator ActionFilter => Main.GetByLabel("Action", new() { Exact = true });

    public ILocator ShowButton => Main.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true });

    public async Task FilterAsync(string action)
    {
        await ActionFilter.SelectOptionAsync(action);
        await ShowButton.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/editor/audit\?action=" + Regex.Escape(action) + "$"));
        await Page.WaitForLoadStateAsync(LoadState.Load);
    }
}
