import QtQuick
import QtQuick.Controls
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import QtQuick.VirtualKeyboard.Styles
import Kiosk
import "components"

ApplicationWindow {
    id: root
    property bool kioskFullscreen: false
    readonly property bool portrait: width < height
    // read once (constant): a binding that asked Python ran on every screen change
    readonly property var keptScreens: Navigator.keptScreens
    readonly property var freshScreens: Navigator.freshScreens
    // Kept in the window's item tree while hidden (KeptScreen.detachWhenHidden):
    // the hub every visit returns to and the journey most visits take.
    readonly property var attachedScreens: ["Home", "Browse"]

    visible: true
    title: I18n.t("app.title", I18n.language)
    flags: kioskFullscreen ? (Qt.Window | Qt.FramelessWindowHint) : Qt.Window
    color: Style.background
    font.family: Style.fontFamily
    font.pixelSize: Style.bodySize
    // Uyghur reads right to left: every screen is mirrored (rows, anchors,
    // left-aligned text), except the keyboard and the technician's corner.
    LayoutMirroring.enabled: I18n.rtl
    LayoutMirroring.childrenInherit: true

    // In kiosk mode the window cannot be closed (Alt+F4, a window manager);
    // the only way out is the technician page, which ends the event loop.
    onClosing: (close) => { if (kioskFullscreen) close.accepted = false }

    TopBar {
        id: topBar
        anchors { top: parent.top; left: parent.left; right: parent.right }
        visible: Navigator.screen !== "Attract"
    }

    // The screens a home tile opens, and Home, are made ahead while the kiosk
    // is idle and kept for the visit (KeptScreen.qml): on a slow board making
    // Browse on each tap took most of the tap's time. The others are made when
    // shown. Every kept screen is destroyed when the visit ends (the attract
    // screen), so the next resident meets screens made after the wipe.
    Item {
        id: screenArea
        anchors {
            top: topBar.visible ? topBar.bottom : parent.top
            left: parent.left; right: parent.right
            bottom: keyboard.active ? keyboard.top : parent.bottom
        }
        Repeater {
            id: keptSlots
            // none before the areas exist: not part of the attract screen's first frame
            model: Navigator.ready ? root.keptScreens : []
            KeptScreen {
                required property string modelData
                required property int index
                name: modelData
                order: index
                fresh: root.freshScreens.indexOf(modelData) >= 0
                detachWhenHidden: root.attachedScreens.indexOf(modelData) < 0
                anchors.fill: parent
            }
        }
        Loader {
            id: screenLoader
            anchors.fill: parent
            source: root.keptScreens.indexOf(Navigator.screen) >= 0
                    ? "" : Qt.resolvedUrl("screens/" + Navigator.screen + "Screen.qml")
        }
    }

    // Full width in portrait; in landscape a narrower, centred panel (its
    // height follows its width) leaves the form above it readable.
    InputPanel {
        id: keyboard
        z: 50
        // A layout lists its keys as they sit on the glass (the Uyghur one too).
        LayoutMirroring.enabled: false
        LayoutMirroring.childrenInherit: true
        // 适老化 reaches the keyboard: taller keys (>= 60 dp) and larger
        // candidate words in the elderly version (tests measure the real items).
        Binding {
            target: keyboard.keyboard.style
            when: keyboard.keyboard.style !== null && keyboard.keyboard.style !== undefined
            property: "keyboardDesignHeight"
            value: Style.elderly ? 1150 : 800
        }
        // Pinyin candidates in words a resident can read: 18 dp and more
        // (the stock style draws them at about 19 px on a 1080 px panel).
        Binding {
            target: keyboard.keyboard.style
            when: keyboard.keyboard.style !== null && keyboard.keyboard.style !== undefined
            property: "selectionListDelegate"
            value: candidateDelegate
        }
        Binding {
            target: keyboard.keyboard.style
            when: keyboard.keyboard.style !== null && keyboard.keyboard.style !== undefined
            property: "selectionListHeight"
            value: Style.elderly ? 84 : 66
        }
        width: root.portrait ? parent.width : Math.min(parent.width, 1100)
        x: (parent.width - width) / 2
        y: active ? parent.height - height : parent.height
        visible: active
    }

    Component {
        id: candidateDelegate
        SelectionListItem {
            id: candidate
            width: candidateLabel.implicitWidth + 2 * Style.spacing
            Accessible.role: Accessible.Button
            Accessible.name: candidateLabel.text
            Text {
                textFormat: Text.PlainText
                id: candidateLabel
                anchors.centerIn: parent
                text: display
                color: candidate.ListView.isCurrentItem ? "#ffffff" : "#9be15d"
                font.family: Style.fontFamily
                font.pixelSize: Style.elderly ? 33 : 27
            }
        }
    }

    // Technician entry: five taps in the top-right corner within three seconds.
    // The press is counted and passed on, so the corner still works for residents.
    MouseArea {
        z: 200
        // counts the press and lets it through: not a control of its own
        property bool passesTouches: true
        Accessible.ignored: true
        LayoutMirroring.enabled: false  // the top-right corner in every language
        width: 110; height: 110
        anchors { top: parent.top; right: parent.right }
        onPressed: (mouse) => { Shell.cornerTap(); mouse.accepted = false }
    }

    IdleOverlay {
        anchors.fill: parent
        z: 100
    }

    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = I18n.keyboardLocales
        VirtualKeyboardSettings.locale = I18n.keyboardLocale
    }

    // The keyboard's language follows the screen's, and goes back to it between
    // visits: a resident's globe-key choice (注音 after pinyin) is theirs alone.
    // Its own choice is not VirtualKeyboardSettings.locale, so that is set away
    // and back to be heard. Python's own object is asked (not the I18n held in
    // QML, whose properties follow the same signal in an order of their own).
    function resetKeyboardLanguage() {
        VirtualKeyboardSettings.locale = ""
        VirtualKeyboardSettings.locale = I18nSource.keyboardLocale
    }
    Connections {
        target: I18nSource
        function onLanguageChanged() { root.resetKeyboardLanguage() }
    }
    Connections {
        target: Navigator
        function onScreenChanged() {
            if (Navigator.screen === "Attract")
                root.resetKeyboardLanguage()
        }
    }
}
