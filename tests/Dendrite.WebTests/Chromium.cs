using OpenQA.Selenium.Chrome;

namespace Dendrite.WebTests;

/// <summary>One headless Chromium for the whole run (starting one costs seconds), quit when the run ends.</summary>
public sealed class Chromium : IDisposable
{
    public Chromium() => Driver = Start();

    public ChromeDriver Driver { get; }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }

    private static ChromeDriver Start()
    {
        // Debian's packages: /usr/bin/chromium and /usr/bin/chromedriver (same version). Naming both keeps Selenium
        // Manager from looking for (and trying to download) a browser or driver of its own.
        string browser = Environment.GetEnvironmentVariable("DENDRITE_CHROMIUM") ?? "/usr/bin/chromium";
        string driverPath = Environment.GetEnvironmentVariable("DENDRITE_CHROMEDRIVER") ?? "/usr/bin/chromedriver";
        if (!File.Exists(browser) || !File.Exists(driverPath))
        {
            throw new InvalidOperationException($"Expected Chromium at {browser} and its driver at {driverPath}: apt-get install -y chromium chromium-driver.");
        }

        var options = new ChromeOptions { BinaryLocation = browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1100,760");
        ChromeDriverService service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driverPath)!, Path.GetFileName(driverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        // A generous command timeout: on a machine under heavy load the first page and actions took over a minute.
        return new ChromeDriver(service, options, TimeSpan.FromMinutes(3));
    }
}
