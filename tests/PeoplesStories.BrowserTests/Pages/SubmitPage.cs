using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace PeoplesStories.BrowserTests.Pages;

/// <summary>Submit a Story: the form that sends a story to the editors.</summary>
public sealed class SubmitPage(IPage page) : SitePage(page)
{
    public ILocator Form => Main.Locator("form").Filter(new() { Has = Page.GetByRole(AriaRole.Button, new() { Name = "Submit the story", Exact = true }) });

    public ILocator TitleBox => Form.GetByLabel("Title", new() { Exact = true });

    public ILocator StoryBox => Form.GetByLabel("The story", new() { Exact = true });

    public ILocator Country => Form.GetByLabel("Country (optional)", new() { Exact = true });

    public ILocator DateBox => Form.GetByLabel("When it happened (optional)", new() { Exact = true });

    public ILocator NameBox => Form.GetByLabel("Your name (optional)", new() { Exact = true });

    public ILocator SubmitButton => Form.GetByRole(AriaRole.Button, new() { Name = "Submit the story", Exact = true });

    public ILocator ReferenceCode => Main.Locator("#reference-code");

    public static async Task<SubmitPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("/submit");
        return new SubmitPage(page);
    }

    /// <summary>Fills the form as a visitor would, submits it, and waits for the thank-you page.</summary>
    public async Task SubmitAsync(string title, string story, string? countryName, string? date, string? name)
    {
        await TitleBox.FillAsync(title);
        await StoryBox.FillAsync(story);
        if (countryName is not null)
        {
            await Country.SelectOptionAsync(new SelectOptionValue { Label = countryName });
        }

        if (date is not null)
        {
            await DateBox.FillAsync(date);
        }

        if (name is not null)
        {
            await NameBox.FillAsync(name);
        }

        await SubmitButton.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/submit/thanks\?ref=[23456789A-Z]{8}$"));
        await Page.WaitForLoadStateAsync(LoadState.Load);
    }
}
