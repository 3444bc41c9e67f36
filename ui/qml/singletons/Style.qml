pragma Singleton
import QtQuick
import Kiosk

// The screens' sizes and colours, read from StyleSource (ui/style.py, where
// Python decides them and the tests check them) and held here. A screen reads
// Style hundreds of times as it is made (every delegate row a few dozen), and
// a read of a Python property through PySide costs about 7 µs against a
// twentieth of that for a QML one: these bindings read Python once, and again
// only when the elderly version is switched.
QtObject {
    readonly property bool elderly: StyleSource.elderly
    readonly property int bodySize: StyleSource.bodySize
    readonly property int smallSize: StyleSource.smallSize
    readonly property int titleSize: StyleSource.titleSize
    readonly property int heroSize: StyleSource.heroSize
    readonly property int touchTarget: StyleSource.touchTarget
    readonly property int spacing: StyleSource.spacing
    readonly property real lineHeight: StyleSource.lineHeight
    readonly property string fontFamily: StyleSource.fontFamily
    readonly property string primary: StyleSource.primary
    // not "onPrimary": QML reads a name "on" + capital as a signal handler, and the
    // property stayed empty (the attract screen's text fell back to black)
    readonly property string primaryText: StyleSource.onPrimary
    readonly property string background: StyleSource.background
    readonly property string surface: StyleSource.surface
    readonly property string text: StyleSource.text
    readonly property string mutedText: StyleSource.mutedText
    readonly property string error: StyleSource.error
    readonly property string ok: StyleSource.ok
    readonly property string warning: StyleSource.warning

    function toggleElderly() { StyleSource.toggleElderly() }
}
