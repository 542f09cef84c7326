using System.Globalization;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;
using Xunit;
using Xunit.Abstractions;

namespace Dendrite.WebTests;

/// <summary>
/// A person's use of the page, in Debian's headless Chromium driven by Selenium: draw a digit's strokes with the
/// pointer, read the predicted label and the ten bars, save a screenshot (screenshots/ in the test output, and
/// DENDRITE_WEB_ARTIFACTS when set).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class BrowserTests
{
    private readonly ITestOutputHelper output;
    private readonly ChromeDriver driver;

    public BrowserTests(ServerProcess server, Chromium chromium, ITestOutputHelper output)
    {
        this.output = output;
        driver = chromium.Driver;
        driver.Navigate().GoToUrl(server.BaseAddress); // a fresh page per test
    }

    /// <summary>Strokes in the 280×280 pad's pixels, one array of points per stroke, as a person would draw them.</summary>
    public static TheoryData<int, int[][]> Digits => new()
    {
        { 0, [Ellipse(140, 140, 55, 100)] },
        { 1, [[110, 75, 145, 40, 145, 240]] },
        { 4, [[165, 40, 75, 170, 215, 170], [165, 40, 165, 245]] },
        { 7, [[75, 45, 205, 45, 115, 245], [95, 145, 195, 145]] }, // crossed, as most of the data set's 7s are
    };

    [Theory]
    [MemberData(nameof(Digits))]
    public void Drawing_a_digit_shows_its_label_and_ten_bars_that_sum_to_one(int digit, int[][] strokes)
    {
        IWebElement pad = driver.FindElement(By.Id("pad"));
        foreach (int[] stroke in strokes)
        {
            Draw(pad, stroke);
        }

        IWebElement label = driver.FindElement(By.Id("label"));
        WaitFor(() => label.GetDomAttribute("data-requests") == strokes.Length.ToString(CultureInfo.InvariantCulture), "the page's answers");
        string status = driver.FindElement(By.Id("status")).Text;
        Assert.True(status.Length == 0, status);

        double[] bars = Enumerable.Range(0, 10)
            .Select(d => double.Parse(driver.FindElement(By.Id($"bar-{d}")).GetDomAttribute("data-probability")!, CultureInfo.InvariantCulture))
            .ToArray();
        string shown = label.Text;
        SaveScreenshot($"digit-{digit}.png");
        output.WriteLine($"drew {digit}: page says {shown}; bars {string.Join(' ', bars.Select(b => b.ToString("0.000", CultureInfo.InvariantCulture)))}");

        Assert.Equal(1.0, bars.Sum(), 3);
        Assert.Equal(Array.IndexOf(bars, bars.Max()).ToString(CultureInfo.InvariantCulture), shown);
        Assert.Equal(digit.ToString(CultureInfo.InvariantCulture), shown);
        string width = driver.FindElement(By.Id($"bar-{digit}")).GetCssValue("width");
        Assert.True(double.Parse(width.TrimEnd('p', 'x'), CultureInfo.InvariantCulture) > 240 * 0.5 * bars[digit], $"the bar of {digit} is {width} wide for {bars[digit]}");
    }

    [Fact]
    public void Clear_resets_the_label_and_the_bars()
    {
        Draw(driver.FindElement(By.Id("pad")), [145, 40, 145, 240]);
        IWebElement label = driver.FindElement(By.Id("label"));
        WaitFor(() => label.GetDomAttribute("data-requests") == "1", "the page's answer");
        driver.FindElement(By.Id("clear")).Click();
        Assert.Equal("–", label.Text);
        Assert.All(Enumerable.Range(0, 10), d => Assert.Equal("0", driver.FindElement(By.Id($"bar-{d}")).GetDomAttribute("data-probability")));
    }

    private void Draw(IWebElement pad, int[] points)
    {
        // Selenium's offsets are from the element's centre.
        var actions = new Actions(driver);
        actions.MoveToElement(pad, points[0] - 140, points[1] - 140).ClickAndHold();
        for (int i = 2; i < points.Length; i += 2)
        {
            int fromX = points[i - 2], fromY = points[i - 1], toX = points[i], toY = points[i + 1];
            for (int step = 1; step <= 8; step++)
            {
                actions.MoveToElement(pad, fromX + ((toX - fromX) * step / 8) - 140, fromY + ((toY - fromY) * step / 8) - 140);
            }
        }

        actions.Release().Perform();
    }

    private static int[] Ellipse(int cx, int cy, int rx, int ry)
    {
        var points = new List<int>();
        for (int i = 0; i <= 24; i++)
        {
            double angle = (2 * Math.PI * i / 24) - (Math.PI / 2);
            points.Add(cx + (int)Math.Round(rx * Math.Cos(angle)));
            points.Add(cy + (int)Math.Round(ry * Math.Sin(angle)));
        }

        return [.. points];
    }

    private void SaveScreenshot(string name)
    {
        Screenshot screenshot = driver.GetScreenshot();
        foreach (string? directory in new[] { Path.Combine(AppContext.BaseDirectory, "screenshots"), Environment.GetEnvironmentVariable("DENDRITE_WEB_ARTIFACTS") })
        {
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
                string path = Path.Combine(directory, name);
                screenshot.SaveAsFile(path);
                output.WriteLine($"screenshot: {path}");
            }
        }
    }

    private static void WaitFor(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(15))
            {
                throw new TimeoutException($"Waited 15 s for {what}.");
            }

            Thread.Sleep(20);
        }
    }
}
