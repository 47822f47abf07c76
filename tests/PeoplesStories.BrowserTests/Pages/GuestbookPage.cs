using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace PeoplesStories.BrowserTests.Pages;

/// <summary>The guestbook: the sign form and the published entries.</summary>
public sealed class GuestbookPage(IPage page) : SitePage(page)
{
    public ILocator Form => Main.Locator("form.guestbook-form");

    public ILocator NameBox => Form.GetByLabel("Your name", new() { Exact = true });

    public ILocator Country => Form.GetByLabel("Country (optional)", new() { Exact = true });

    public ILocator MessageBox => Form.GetByLabel("Your message", new() { Exact = true });

    public ILocator SignButton => Form.GetByRole(AriaRole.Button, new() { Name = "Sign the guestbook", Exact = true });

    public ILocator NameError => Form.Locator("#name-error");

    public ILocator MessageError => Form.Locator("#message-error");

    public ILocator Notice => Main.GetByRole(AriaRole.Status);

    public ILocator Entry(string message) => Main.Locator(".guestbook-entry").Filter(new() { HasText = message });

    public static async Task<GuestbookPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("/guestbook");
        return new GuestbookPage(page);
    }

    /// <summary>Fills the form as a visitor would and submits it.</summary>
    public async Task SignAsync(string name, string? countryName, string message)
    {
        await NameBox.FillAsync(name);
        if (countryName is not null)
        {
            await Country.SelectOptionAsync(new SelectOptionValue { Label = countryName });
        }

        await MessageBox.FillAsync(message);
        await SignButton.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/guestbook(?:\?.*)?$"));
        await Page.WaitForLoadStateAsync(LoadState.Load);
    }
}
