// Uyghur in its Arabic script (UEY), written for the kiosk: Qt Virtual Keyboard
// ships no Uyghur layout. Built on the shape of Qt's Arabic and Persian layouts
// (four rows, the Arabic input mode, ، ؛ ؟ around the letters) with the 32
// letters of the Uyghur alphabet and the hamza carrier ئ on three rows of
// eleven, in the order of the standard Uyghur keyboard where a row allows
// (its q w e r t y u i o p row is چ ۋ ې ر ت ي ۇ ڭ و پ). Digits are the
// alternatives of the first row, as Uyghur writes them: 0-9.
import QtQuick
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Components

KeyboardLayout {
    inputMode: InputEngine.InputMode.Arabic
    keyWeight: 160
    readonly property real normalKeyWidth: normalKey.width
    readonly property real functionKeyWidth: mapFromItem(normalKey, normalKey.width / 2, 0).x
    KeyboardRow {
        Key {
            text: "\u0686"  // چ
            alternativeKeys: "\u06861"
            smallText: "1"
            smallTextVisible: true
        }
        Key {
            id: normalKey
            text: "\u06CB"  // ۋ
            alternativeKeys: "\u06CB2"
            smallText: "2"
            smallTextVisible: true
        }
        Key {
            text: "\u06D0"  // ې
            alternativeKeys: "\u06D03"
            smallText: "3"
            smallTextVisible: true
        }
        Key {
            text: "\u0631"  // ر
            alternativeKeys: "\u06314"
            smallText: "4"
            smallTextVisible: true
        }
        Key {
            text: "\u062A"  // ت
            alternativeKeys: "\u062A5"
            smallText: "5"
            smallTextVisible: true
        }
        Key {
            text: "\u064A"  // ي
            alternativeKeys: "\u064A6"
            smallText: "6"
            smallTextVisible: true
        }
        Key {
            text: "\u06C7"  // ۇ
            alternativeKeys: "\u06C77"
            smallText: "7"
            smallTextVisible: true
        }
        Key {
            text: "\u06AD"  // ڭ
            alternativeKeys: "\u06AD8"
            smallText: "8"
            smallTextVisible: true
        }
        Key {
            text: "\u0648"  // و
            alternativeKeys: "\u06489"
            smallText: "9"
            smallTextVisible: true
        }
        Key {
            text: "\u067E"  // پ
            alternativeKeys: "\u067E0"
            smallText: "0"
            smallTextVisible: true
        }
        Key {
            text: "\u0698"  // ژ
        }
        BackspaceKey {
            weight: functionKeyWidth
            Layout.fillWidth: false
        }
    }
    KeyboardRow {
        Key {
            text: "\u06BE"  // ھ
        }
        Key {
            text: "\u0633"  // س
        }
        Key {
            text: "\u062F"  // د
        }
        Key {
            text: "\u0627"  // ا
        }
        Key {
            text: "\u06D5"  // ە
        }
        Key {
            text: "\u0649"  // ى
        }
        Key {
            text: "\u0642"  // ق
        }
        Key {
            text: "\u0643"  // ك
        }
        Key {
            text: "\u0644"  // ل
        }
        Key {
            text: "\u06AF"  // گ
        }
        Key {
            text: "\u0641"  // ف
        }
        Key {
            text: "\u061F"  // ؟
            alternativeKeys: "\u061F?!"
        }
    }
    KeyboardRow {
        Key {
            text: "\u0626"  // ئ
        }
        Key {
            text: "\u0632"  // ز
        }
        Key {
            text: "\u0634"  // ش
        }
        Key {
            text: "\u063A"  // غ
        }
        Key {
            text: "\u06C8"  // ۈ
        }
        Key {
            text: "\u0628"  // ب
        }
        Key {
            text: "\u0646"  // ن
        }
        Key {
            text: "\u0645"  // م
        }
        Key {
            text: "\u06C6"  // ۆ
        }
        Key {
            text: "\u062E"  // خ
        }
        Key {
            text: "\u062C"  // ج
        }
        Key {
            text: "\u061B"  // ؛
            alternativeKeys: "\u061B:\u00AB\u00BB"
        }
    }
    KeyboardRow {
        SymbolModeKey {
            weight: functionKeyWidth
            Layout.fillWidth: false
        }
        ChangeLanguageKey {
            weight: normalKeyWidth
            Layout.fillWidth: false
        }
        Key {
            key: Qt.Key_Comma
            weight: normalKeyWidth
            Layout.fillWidth: false
            text: "\u060C"  // ،
            highlighted: true
        }
        SpaceKey {
        }
        Key {
            key: Qt.Key_Period
            weight: normalKeyWidth
            Layout.fillWidth: false
            text: "."
            alternativeKeys: ".-\u0640"
            highlighted: true
        }
        HideKeyboardKey {
            weight: normalKeyWidth
            Layout.fillWidth: false
        }
        EnterKey {
            weight: functionKeyWidth
            Layout.fillWidth: false
        }
    }
}
