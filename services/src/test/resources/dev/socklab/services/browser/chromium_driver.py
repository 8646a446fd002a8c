"""Headless Chromium for socklab's tests, driven by Selenium and scripted over standard input.

Each request is one JSON object on a line of standard input; each answer one JSON object on a
line of standard output: {"value": ...} or {"error": "..."}. The first line out is {"ready": true},
once Chromium runs. Requests ("tab" is a handle that "open" returned):

  {"op": "open", "url": U}                          a new tab at U; its handle
  {"op": "script", "tab": T, "js": S, "args": [..]} the value of S run in T (execute_script)
  {"op": "async", "tab": T, "js": S, "args": [..]}  the same, S calling arguments[arguments.length - 1]
  {"op": "until", "tab": T, "js": S, "args": [..], "seconds": N}
                                                    the first truthy value of S, polled for N seconds
  {"op": "type", "tab": T, "css": C, "text": X}     keys X typed into the element C, then Enter
  {"op": "key", "tab": T, "key": K, "action": A}    key K (a character, or a name of Keys: "ARROW_RIGHT") pressed
                                                    down ("down"), let go ("up"), or both ("press"), in the page
  {"op": "screenshot", "tab": T, "css": C, "path": P}
                                                    a PNG of the element C saved at P
  {"op": "size", "tab": T, "width": W, "height": H} the window resized to W by H pixels
  {"op": "log"}                                     the browser console's entries since the last "log"
  {"op": "quit"}                                    ends Chromium, then this script

Run with Debian's /usr/bin/python3 (python3-selenium), /usr/bin/chromium and /usr/bin/chromedriver.
"""
import json
import signal
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

# The network here is closed, and a test needs none of Chromium's own traffic: without these flags it
# tries to reach Google's services, and waits on them.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]


def start(profile):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument("--user-data-dir=" + profile)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(30)
    driver.set_page_load_timeout(30)
    return driver


def answer(driver, request, fresh):
    op = request["op"]
    if op == "log":
        return driver.get_log("browser")
    if op == "open":
        # The first tab is the one Chromium opened with; every other is new.
        if not fresh[0]:
            driver.switch_to.new_window("tab")
        fresh[0] = False
        driver.get(request["url"])
        return driver.current_window_handle
    driver.switch_to.window(request["tab"])
    if op == "script":
        return driver.execute_script(request["js"], *request.get("args", []))
    if op == "async":
        return driver.execute_async_script(request["js"], *request.get("args", []))
    if op == "until":
        return WebDriverWait(driver, request["seconds"], poll_frequency=0.05).until(
            lambda d: d.execute_script(request["js"], *request.get("args", [])))
    if op == "type":
        driver.find_element(By.CSS_SELECTOR, request["css"]).send_keys(request["text"] + Keys.ENTER)
        return None
    if op == "key":
        key = request["key"] if len(request["key"]) == 1 else getattr(Keys, request["key"])
        actions = ActionChains(driver)
        if request["action"] in ("down", "press"):
            actions.key_down(key)
        if request["action"] in ("up", "press"):
            actions.key_up(key)
        actions.perform()
        return None
    if op == "screenshot":
        return driver.find_element(By.CSS_SELECTOR, request["css"]).screenshot(request["path"])
    if op == "size":
        driver.set_window_size(request["width"], request["height"])
        return None
    raise ValueError("no such request: " + op)


def main():
    # Ended by the test (a signal, by PID), it still quits Chromium on its way out.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(1))
    with tempfile.TemporaryDirectory(prefix="socklab-chromium-") as profile:
        driver = start(profile)
        try:
            print(json.dumps({"ready": True}), flush=True)
            fresh = [True]
            for line in sys.stdin:
                request = json.loads(line)
                if request["op"] == "quit":
                    break
                try:
                    reply = {"value": answer(driver, request, fresh)}
                except Exception as e:  # every failure goes back to the test, which says what it asked for
                    reply = {"error": type(e).__name__ + ": " + str(e).strip()}
                print(json.dumps(reply), flush=True)
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
