import QtQuick
import Kiosk

// 朗读: a tap says what this screen is and what to do on it (Voice.speakScreen);
// in elderly mode the screen says it by itself when it opens. One per screen:
// `params` fills the prompt's blanks (a service's name, a tracking number).
KButton {
    id: speaker
    // its own screen's name: a kept screen's slot names it (read while it is
    // being shown, the Navigator's may not have reached this binding yet)
    property string screen: slot !== null ? slot.name : Navigator.screen
    property var params: ({})
    compact: true
    primary: false
    visible: Voice.enabled
    text: "♪ " + I18n.t("voice.button", I18n.language)
    Accessible.name: I18n.t("voice.button.name", I18n.language)
    onClicked: Voice.speakScreen(speaker.screen, speaker.params)

    // Said when its screen opens: at once for a screen made as it is shown; for
    // one made ahead and kept (KeptScreen.qml), each time its slot shows it.
    property KeptScreen slot: null
    Component.onCompleted: {
        var p = speaker.parent
        while (p && p.objectName !== "screenSlot")
            p = p.parent
        slot = p
        if (!slot || slot.visible)
            Voice.screenShown(speaker.screen, speaker.params)
    }
    Connections {
        target: speaker.slot
        function onVisibleChanged() {
            if (speaker.slot.visible)
                Voice.screenShown(speaker.screen, speaker.params)
        }
    }
}
