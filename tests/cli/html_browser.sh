# html_browser.sh - the HTML pages in a real browser: headless Chromium's screenshots, PDFs and DOM.
# The checks are in html_browser.py; without Chromium or poppler-utils the test is skipped.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

chromium=$(command -v chromium || command -v chromium-browser)
if [ -z "$chromium" ]; then
	echo "skipped: chromium is not installed (.ci/deps installs it)"
	exit 77
fi
for tool in pdftotext pdfinfo python3; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "skipped: $tool is not installed (.ci/deps installs it)"
		exit 77
	fi
done
GROUPMATCH=$GM GM_CHROMIUM=$chromium python3 "$here/html_browser.py"
