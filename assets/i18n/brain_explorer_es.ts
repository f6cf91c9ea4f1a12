<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>Content folder not used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your content folder could not be used:

%1

The built-in content is shown instead.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AtlasLoading</name>
    <message>
        <source>Loading %s…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s: %d triangles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No atlas is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the default atlas, %s, instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing %s instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Atlas not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The atlas could not be loaded:

%s

%s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CameraViews</name>
    <message>
        <source>Lateral (left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lateral (right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medial (left hemisphere)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medial (right hemisphere)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anterior</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posterior</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Superior</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inferior</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaptionBand</name>
    <message>
        <source>◀ Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous step (PageUp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step (PageDown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End tour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the tour (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d / %d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %d of %d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PageDown, → or Space: next · PageUp or ←: back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClassQuiz</name>
    <message>
        <source>End of the quiz. Thank you!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where is it? Point at the brain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContentHtml</name>
    <message>
        <source>Where it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What it normally does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What ketamine does here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is still uncertain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>established</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>human studies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>animal studies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>single patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leading hypothesis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disputed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>modelling estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>References</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In this atlas:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explore the brain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a region in the 3D view or pick it from the list to read what it does and what ketamine does there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to rotate the brain, scroll to zoom, and use the view buttons for standard views.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Mechanism tab walks through ketamine&apos;s effects step by step.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiagramExport</name>
    <message>
        <source>Export mechanism diagram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (%s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagram not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The diagram was not saved:

%s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DisplayControls</name>
    <message>
        <source>Cortex opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How solid the surrounding cortex looks (0 hides it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cortex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hemispheres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut away the lower cortex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removes the cortex below the hippocampus&apos;s top so it can be seen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message numerus="yes">
        <source>

%n more error(s) happened and were only logged.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The details were saved in:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The details could not be saved (the log folder is not writable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong, but you can keep working:

%1

%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GlossaryPage</name>
    <message>
        <source>Search the glossary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No term matches.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GraphicsCheck</name>
    <message>
        <source>Renderer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The 3D view cannot start, even with software rendering:

%1

Ask for help with the graphics drivers of this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s graphics (OpenGL) cannot show the 3D view:

%1

This happens over remote desktop and with old graphics drivers. The app can restart with software rendering, which works everywhere but is slower.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart with software rendering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&lt;b&gt;Regions&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;mechanism diagram…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the %s view (key %d)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the starting view (Home)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side &amp;panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or collapse the panel beside the brain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text &amp;size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Atlas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not downloaded yet: use Atlas ▸ Download Harvard-Oxford</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Download Harvard-Oxford…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch the Harvard-Oxford atlas through nilearn (needs a network connection)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use atlas &amp;folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading the Harvard-Oxford atlas through nilearn…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download atlas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Atlas downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Harvard-Oxford atlas is saved in %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder with downloaded atlases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (%s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image was not saved:

%s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;%s&lt;/h3&gt;&lt;p&gt;An open-source app for teaching how ketamine acts on the prefrontal cortex, the hippocampus and the posteromedial cortex.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Atlas:&lt;/b&gt; %s&lt;/p&gt;&lt;p&gt;%s&lt;/p&gt;&lt;p&gt;%s&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MechanismDiagramView</name>
    <message>
        <source>Mechanism diagram, step %d of %d: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A hypothesis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rival model.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MechanismStepBar</name>
    <message>
        <source>◀ Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous step (Left or Up arrow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step (Right or Down arrow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rival model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the competing explanation of this step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %d of %d: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuizCommands</name>
    <message>
        <source>&amp;Quiz</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quiz…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test yourself: questions on the regions and the mechanism</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiz the &amp;class (lecture mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A big question under the brain; the clicker (PageDown) reveals the answer, then the next question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quiz cannot start:

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not offered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiz file not used: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuizPanel</name>
    <message>
        <source>&lt;b&gt;Quiz&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close quiz</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Practice (try until right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test (one try each, scored)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question %1 of %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click an answer, or press its number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the region in the 3D view (turn the brain as you like), or choose it in the region list (with the arrow keys, then Enter).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag the steps into order, or move the selected one with Alt+Up / Alt+Down; then Check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not quite. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You got %1 of %2 right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No question missed. Well done!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your answer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right answer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review the missed questions:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReadingLevelSwitch</name>
    <message>
        <source>Intro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shorter texts in everyday words (secondary school)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The full texts, with mechanisms and evidence (university)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading level:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegionList</name>
    <message>
        <source>Brain regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select to read about this region; untick to hide it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegionPanel</name>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mechanism</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Glossary</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>It was renamed to:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It could not be renamed (%1): please delete it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings file
%1
%2.

%3

The app starts with default settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpeakerNotes</name>
    <message>
        <source>&lt;b&gt;Speaker notes&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TermPopup</name>
    <message>
        <source>Sources: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Themes</name>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projector (high contrast)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TourCommands</name>
    <message>
        <source>Tour not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;tour…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a tour file (TOML) and start it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;tour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step through the tour in this window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step	PageDown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous step	PageUp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End tour	Esc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lecture mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full screen with large captions for a projector (F5 or Esc leaves)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region &amp;labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the regions in the 3D view (L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reduce &amp;motion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jump between tour steps instead of moving the camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tour is available. Use File ▸ Open tour… to load one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tour: PageDown, → or Space for the next step, PageUp or ← to go back, Esc to end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open tour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tours (*.toml);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid tour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tour could not be opened:

%s

Everything else keeps working.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ViewToolbar</name>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medial L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medial R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Front</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bottom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
