"""Opens explorer pages in Debian's headless Chromium (Selenium, from .consumers/python) and
prints, per page, its size and the median over RUNS openings of: first paint, first
contentful paint, and the moment the page's script is ready (the `explorer-ready` mark), in
milliseconds since navigation.

Usage: python3 bench/explorer_open.py RUNS PAGE.html [PAGE.html ...]"""

import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", ".consumers", "python"))
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

runs = int(sys.argv[1])
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,900"]:
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    for page in sys.argv[2:]:
        figures = {"first-paint": [], "first-contentful-paint": [], "ready": []}
        for _ in range(runs):
            driver.get("about:blank")
            driver.get("file://" + os.path.abspath(page))
            WebDriverWait(driver, 120).until(lambda d: d.execute_script(
                "return document.documentElement.dataset.ready === 'true'"
                " && performance.getEntriesByType('paint').length > 1"))
            timing = driver.execute_script("""
                const out = {};
                for (const e of performance.getEntriesByType('paint')) out[e.name] = e.startTime;
                out.ready = performance.getEntriesByName('explorer-ready')[0].startTime;
                return out;""")
            for name in figures:
                figures[name].append(timing[name])
        medians = ", ".join(f"{name} {statistics.median(values):.0f} ms" for name, values in figures.items())
        print(f"{page}: {os.path.getsize(page) / 1e6:.2f} MB; median of {runs}: {medians}")
finally:
    driver.quit()
