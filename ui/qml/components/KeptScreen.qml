import QtQuick
import Kiosk

// One screen made ahead while the kiosk is idle and shown without being made
// on the tap (Main.qml). A kept screen lives for the visit; a fresh one (it
// holds what the resident typed) is destroyed each time it is left and made
// again ahead of its next showing, so it opens as a new one would. Every one
// is destroyed when the visit ends, and made again once the attract screen
// is up: the next resident never meets an item made before the wipe.
// A screen's items find their slot by its objectName, "screenSlot"
// (SpeakerButton: said when its screen shows).
Loader {
    id: slot
    property string name: ""
    property bool fresh: false
    readonly property bool shown: Navigator.screen === name
    // made ahead (below) or kept after its showing
    property bool wanted: false

    objectName: "screenSlot"
    active: shown || wanted
    // the order in which the attract screen makes them (Home first)
    property int order: 0

    // On the attract screen, where nobody is working, each is made at once in a
    // moment of its own (in pieces between frames, a slow board was not done
    // with them in seconds); during a visit in pieces between frames, so a tap
    // is never held up by a screen made ahead; a tap on its tile finishes it.
    asynchronous: !shown && Navigator.screen !== "Attract"
    visible: shown
    source: Qt.resolvedUrl("../screens/" + name + "Screen.qml")

    // Hidden, a screen can be taken out of the window's item tree (its items
    // stay made; their scene-graph nodes are made again when it shows). After
    // a frame in which any item's visibility changed (a screen shown, a search
    // result row reused), Qt walks every item of the window, hidden or not
    // (QQuickWindowPrivate::updateChildWindowStackingOrder, QTBUG-134949): the
    // hidden kept screens were 938 of its 1,338 items, a tenth of a tap and of
    // a search's first key. Main.qml keeps Home and Browse in: remaking their
    // nodes on each showing cost a tap more than the walk saved.
    property bool detachWhenHidden: false
    function place() {
        if (item !== null && detachWhenHidden)
            item.parent = shown ? slot : null
    }
    onLoaded: place()

    onShownChanged: {
        place()
        if (shown) {
            if (!fresh)
                wanted = true
        } else if (fresh) {
            wanted = false  // destroyed; a new one is made ahead
            ahead.restart()
        }
    }

    Connections {
        target: Navigator
        function onScreenChanged() {
            if (Navigator.screen === "Attract") {  // the visit ended
                slot.wanted = false
                ahead.restart()
            }
        }
    }
    Component.onCompleted: ahead.restart()

    // Made ahead a moment after the screen change, once its frames are out,
    // one after another in their order.
    Timer {
        id: ahead
        interval: 300 + 100 * slot.order
        onTriggered: if (Navigator.ready && !slot.shown) slot.wanted = true
    }
}
