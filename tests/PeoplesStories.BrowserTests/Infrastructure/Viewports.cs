namespace PeoplesStories.BrowserTests.Infrastructure;

/// <summary>The two viewports every page is checked at: a phone and a desktop.</summary>
public static class Viewports
{
    public const int Phone = 360;
    public const int Desktop = 1280;

    public static ViewportSize For(int width) => width switch
    {
        Phone => new ViewportSize { Width = Phone, Height = 780 },
        Desktop => new ViewportSize { Width = Desktop, Height = 900 },
        _ => throw new ArgumentOutOfRangeException(nameof(width), width, "Use Viewports.Phone or Viewports.Desktop."),
    };

    /// <summary>Theory data: one row per viewport width.</summary>
    public static TheoryData<int> Both => new(Phone, Desktop);
}
