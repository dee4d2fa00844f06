"""Drives the explorer in Debian's headless Chromium through Selenium and reports what a reader
sees, as JSON on stdout; tests/explorer.rs asserts on it. Reads its task from stdin:
{"consumers", "page", "shots", "year", "pairs": [[from, to], ...]}."""

import base64
import json
import sys

task = json.load(sys.stdin)
sys.path.insert(0, task["consumers"])
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError as error:
    sys.exit(f"Selenium is missing ({error}): run bash .ci/setup-tests")

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,900"]:
    options.add_argument(argument)
options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
report = {}


def by_id(name):
    return driver.find_element(By.ID, name)


def open_page(hash_part=""):
    driver.get("about:blank")
    driver.get("file://" + task["page"] + hash_part)
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.documentElement.dataset.ready") == "true")


def panel_title():
    return by_id("panel-title").text


try:
    open_page()
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return performance.getEntriesByType('paint').length > 1"))
    report["timing"] = driver.execute_script("""
        const paint = Object.fromEntries(performance.getEntriesByType('paint')
            .map((entry) => [entry.name, entry.startTime]));
        const ready = performance.getEntriesByName('explorer-ready')[0];
        const navigation = performance.getEntriesByType('navigation')[0];
        return {first_paint: paint['first-paint'], first_contentful_paint: paint['first-contentful-paint'],
                ready: ready ? ready.startTime : null, load_end: navigation.loadEventEnd};""")

    # A click on Kaysone Phomvihane's node, in the whole picture as it opens.
    node = driver.find_element(By.CSS_SELECTOR, 'g.node[data-entity="Kaysone_Phomvihane"]')
    ActionChains(driver).move_to_element(node).click().perform()
    report["clicked"] = {
        "title": panel_title(),
        "quotes": [q.text for q in driver.find_elements(By.CSS_SELECTOR, "#panel blockquote")],
    }

    # A tie in the panel, clicked, is highlighted in the picture.
    tie = driver.find_elements(By.CSS_SELECTOR, "#panel .tie")[1]
    tie.find_element(By.CSS_SELECTOR, ".head").click()
    report["tie"] = {
        "relation": int(tie.get_attribute("data-edge")),
        "highlighted": driver.execute_script("""
            return [...document.querySelectorAll('#picture g.edge.highlight')]
                .map((g) => g.dataset.relations);"""),
    }

    # Zoom and fit from the keyboard, on the picture.
    view_box = lambda: driver.execute_script("return document.querySelector('#picture svg').viewBox.baseVal.width")
    by_id("picture").send_keys(Keys.ESCAPE)
    by_id("fit").click()
    whole = view_box()
    by_id("picture").send_keys("+")
    zoomed = view_box()
    by_id("picture").send_keys("0")
    report["keys"] = {"whole": whole, "zoomed": zoomed, "fitted": view_box()}

    # The search box, as a reader types.
    search = by_id("search")
    search.click()
    search.send_keys("pham minh chinh")
    search.send_keys(Keys.ENTER)
    report["searched"] = {"title": panel_title(), "hash": driver.execute_script("return location.hash")}

    # The time slider, moved with the keys to the year.
    by_id("picture").send_keys(Keys.ESCAPE)
    by_id("time-on").click()
    slider = by_id("year")
    slider.send_keys(Keys.HOME)
    for _ in range(task["year"] - int(slider.get_attribute("min"))):
        slider.send_keys(Keys.ARROW_RIGHT)
    drawn_edges = lambda: driver.execute_script("""
        return [...document.querySelectorAll('#picture g.edge')].map((g) => ({
            relations: (g.dataset.relations || '').split(' ').filter(Boolean).map(Number),
            shown: getComputedStyle(g).display !== 'none'}));""")
    report["slider"] = {"label": by_id("year-label").text, "edges": drawn_edges()}
    by_id("undated").click()
    report["undated"] = drawn_edges()
    by_id("undated").click()
    by_id("time-on").click()
    by_id("hide-claims").click()
    report["facts"] = drawn_edges()
    by_id("hide-claims").click()

    # Path mode, from the two fields.
    by_id("path-mode").click()
    answers = []
    for source, target in task["pairs"]:
        for field, value in (("path-from", source), ("path-to", target)):
            by_id(field).clear()
            by_id(field).send_keys(value)
        by_id("path-to").send_keys(Keys.ENTER)
        hops = driver.find_elements(By.CSS_SELECTOR, "#panel .hop")
        summary = driver.find_elements(By.ID, "path-summary")
        answers.append({
            "from": source, "to": target,
            "hops": [[h.get_attribute("data-from"), h.get_attribute("data-to"),
                      h.get_attribute("data-type")] for h in hops],
            "cost": float(summary[0].get_attribute("data-cost")) if summary else None,
        })
    report["paths"] = answers

    # A link to "Kaysone, at 1976, politics only" reopens that view.
    open_page("#entity=Kaysone_Phomvihane&at=1976&themes=politics")
    report["reopened"] = {
        "title": panel_title(),
        "year": by_id("year-label").text,
        "themes": [box.get_attribute("value")
                   for box in driver.find_elements(By.CSS_SELECTOR, "#filter-themes input")
                   if box.is_selected()],
    }
    driver.save_screenshot(task["shots"] + "/reopened.png")

    # An edge of the picture, clicked (by its label), shows its evidence. The label is one
    # whose middle is not under another edge, as a user would click it.
    open_page("#entity=Kaysone_Phomvihane")
    label = driver.execute_script("""
        const frame = document.getElementById('picture').getBoundingClientRect();
        return [...document.querySelectorAll('#picture g.edge.near text')].find((text) => {
            const box = text.getBoundingClientRect();
            const own = (dx, dy) => {
                const top = document.elementFromPoint(
                    Math.round(box.left + box.width / 2) + dx, Math.round(box.top + box.height / 2) + dy);
                return top !== null && top.closest('g.edge') === text.closest('g.edge');
            };
            return box.width > 0 && box.left > frame.left && box.right < frame.right
                && box.top > frame.top && box.bottom < frame.bottom
                && [[0, 0], [-2, -2], [2, 2], [-2, 2], [2, -2]].every(([dx, dy]) => own(dx, dy));
        });""")
    ActionChains(driver).move_to_element(label).click().perform()
    report["edge"] = {
        "title": panel_title(),
        "relations": [int(t.get_attribute("data-edge")) for t in driver.find_elements(By.CSS_SELECTOR, "#panel .tie")],
        "clicked": driver.execute_script("return arguments[0].closest('g.edge').dataset.relations", label),
        "quotes": [q.text for q in driver.find_elements(By.CSS_SELECTOR, "#panel blockquote")],
    }
    open_page("#path=Kaysone_Phomvihane,Nguyen_Phu_Trong")
    driver.save_screenshot(task["shots"] + "/path.png")
    open_page("#entity=Kaysone_Phomvihane")
    driver.save_screenshot(task["shots"] + "/explorer.png")

    # The print stylesheet: the picture and the panel, no controls.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    report["print"] = driver.execute_script("""
        const shown = (selector) => getComputedStyle(document.querySelector(selector)).display !== 'none';
        return {controls: shown('header .bar'), picture: shown('#picture'), panel: shown('#panel')};""")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    with open(task["shots"] + "/explorer.pdf", "wb") as pdf:
        pdf.write(base64.b64decode(driver.print_page()))

    report["console"] = [entry for entry in driver.get_log("browser")]
    requests = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            requests.append(message["params"]["request"]["url"])
    report["requests"] = requests
finally:
    driver.quit()

json.dump(report, sys.stdout)
