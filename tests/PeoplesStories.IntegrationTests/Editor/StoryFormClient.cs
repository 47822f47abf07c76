using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using PeoplesStories.IntegrationTests.Infrastructure;

namespace PeoplesStories.IntegrationTests.Editor;

/// <summary>
/// Fills and posts the story form as a browser would: every field the page's form holds (ticked
/// boxes and chosen options only, the antiforgery token included), with the test's changes on top.
/// </summary>
public static class StoryFormClient
{
    /// <summary>The fields of the page's story form as a browser would send them.</summary>
    public static List<KeyValuePair<string, string>> FieldsOf(IDocument page)
    {
        var form = page.QuerySelector("form.story-form") ?? throw new InvalidOperationException("The page has no story form.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input, textarea, select"))
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when !box.IsChecked:
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, select.SelectedOptions.Length > 0 ? select.SelectedOptions[0].Value : select.Options.Length > 0 ? select.Options[0].Value : ""));
                    break;
                default:
                    break;
            }
        }

        return fields;
    }

    /// <summary>Sets a field (replacing every value it had).</summary>
    public static List<KeyValuePair<string, string>> Set(this List<KeyValuePair<string, string>> fields, string name, string value)
    {
        fields.RemoveAll(f => f.Key == name);
        fields.Add(new(name, value));
        return fields;
    }

    /// <summary>Adds a value (a further ticked box).</summary>
    public static List<KeyValuePair<string, string>> Add(this List<KeyValuePair<string, string>> fields, string name, string value)
    {
        fields.Add(new(name, value));
        return fields;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string act = "save")
    {
        using var content = new FormUrlEncodedContent(fields.Where(f => f.Key != "act").Append(new("act", act)));
        return await client.PostAsync(url, content);
    }

    /// <summary>The new-story form with one update filled in (and a second one added when given); returns the story's edit URL.</summary>
    public static async Task<string> CreateStoryAsync(HttpClient client, string title, params (string Date, string Body, string Links)[] updates)
    {
        var page = await client.GetDocumentAsync("/editor/stories/new");
        for (var i = 1; i < updates.Length; i++)
        {
            using var added = await PostAsync(client, "/editor/stories/new", FieldsOf(page), "add");
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
            page = await EditorSession.ParseAsync(added);
        }

        var fields = FieldsOf(page)
            .Set("Input.Title", title)
            .Set("Input.Byline", "Our correspondent")
            .Set("Input.NewSection", "Freedom");
        for (var i = 0; i < updates.Length; i++)
        {
            fields.Set($"Input.Updates[{i}].DateText", updates[i].Date)
                .Set($"Input.Updates[{i}].Body", updates[i].Body)
                .Set($"Input.Updates[{i}].Links", updates[i].Links);
        }

        using var response = await PostAsync(client, "/editor/stories/new", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"saving the new story answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>Posts one of the edit page's own forms (Publish, Unpublish, Archive) with its token.</summary>
    public static async Task<HttpResponseMessage> StateAsync(HttpClient client, string storyUrl, string handler)
    {
        var page = await client.GetDocumentAsync(storyUrl);
        var form = page.QuerySelectorAll("form").First(f => (f.GetAttribute("action") ?? "").Contains("handler=" + handler, StringComparison.Ordinal));
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        return await client.PostAsync(form.GetAttribute("action"), content);
    }
}
