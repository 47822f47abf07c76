using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.IntegrationTests.Editor;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Data;

namespace PeoplesStories.IntegrationTests.Submissions;

/// <summary>A story as a visitor types it into /submit.</summary>
public sealed record SubmitForm(
    string Title = "Teachers held in Phnom Penh",
    string Story = "Three teachers were detained after a strike.\n\nTheir families have not seen them since.",
    string Country = "",
    string Sources = "",
    string Date = "",
    string Name = "",
    string Contact = "",
    string Website = "");

/// <summary>Submits stories as a visitor would: fetch the form, keep its antiforgery token and form time, post it.</summary>
public static class SubmissionClient
{
    /// <summary>An app without the archive, submitting at once allowed, and a rate limit no test meets by accident.</summary>
    public static StoriesAppFactory NewApp() =>
        new StoriesAppFactory(importSeeds: false)
            .WithSetting("Submit:MinimumSecondsToSubmit", "0")
            .WithSetting("RateLimiting:Submit:PermitLimit", "1000");

    public static async Task<(IDocument Page, string Token, string FormTime)> GetFormAsync(HttpClient client)
    {
        var (page, token) = await EditorSession.GetFormAsync(client, "/submit");
        var formTime = page.QuerySelector("form input[name=FormTime]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(formTime), "/submit has no form time");
        return (page, token, formTime!);
    }

    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, SubmitForm form, string? formTime = null)
    {
        var (_, token, served) = await GetFormAsync(client);
        return await PostAsync(client, token, formTime ?? served, form);
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string? token, string formTime, SubmitForm form)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("FormTime", formTime),
            new("Input.Title", form.Title),
            new("Input.Story", form.Story),
            new("Input.Country", form.Country),
            new("Input.Sources", form.Sources),
            new("Input.Date", form.Date),
            new("Input.Name", form.Name),
            new("Input.Contact", form.Contact),
            new("Input.Website", form.Website),
        };
        if (token is not null)
        {
            fields.Add(new("__RequestVerificationToken", token));
        }

        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync("/submit", content);
    }

    /// <summary>Submits and checks the outcome: a redirect to the confirmation; returns the reference code.</summary>
    public static async Task<string> SubmitExpectingThanksAsync(HttpClient client, SubmitForm form)
    {
        using var response = await SubmitAsync(client, form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/submit/thanks?ref=", location, StringComparison.Ordinal);
        return location["/submit/thanks?ref=".Length..];
    }

    public static Task<List<Submission>> SubmissionsAsync(StoriesAppFactory app) =>
        app.QueryAsync(db => db.Submissions.AsNoTracking().Include(s => s.Story).ThenInclude(s => s.Section).OrderBy(s => s.Id).ToListAsync());

    public static async Task<HttpResponseMessage> ReviewPostAsync(HttpClient editor, int id, string handler, string? reason = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        if (reason is not null)
        {
            fields.Add(new("Reason", reason));
        }

        return await EditorSession.PostFormAsync(editor, $"/editor/submissions/{id}", $"/editor/submissions/{id}?handler={handler}", fields);
    }
}
