// A translator's work in OmegaT, run by OmegaT 3.6 in console mode (--script) once the project
// is loaded (the memory in tm/auto has filled what it could): one translation Tolk's memory
// gave is rewritten, with a note; one empty segment is translated; another gets an alternative
// translation (kept by OmegaT with its file and neighbours as properties). Then the project's
// memory, omegat/project_save.tmx, is written with OmegaT's own writer. The author is the JVM's
// user.name (OmegaT's default), set by .ci/omegat-check.
import org.omegat.core.data.PrepareTMXEntry

if (eventType.toString() != "LOAD") return

def work = [
    "Proletariatets diktatur": ["The Proletarian Dictatorship", "title as in the 1920 English edition", true],
    "Uppnåddes detta genom demokrati?": ["Was this achieved through democracy?", null, true],
    "Genom parlamentarismen?": ["Through parliamentarism?", null, false],
]
def done = 0
for (entry in project.getAllEntries()) {
    def job = work[entry.getSrcText()]
    if (job == null) continue
    def tmx = new PrepareTMXEntry()
    tmx.source = entry.getSrcText()
    tmx.translation = job[0]
    tmx.note = job[1]
    project.setTranslation(entry, tmx, job[2], null)
    done++
}
if (done != work.size()) throw new IllegalStateException("found " + done + " of " + work.size() + " segments")
// RealProject.saveProject wants the window's menu, which console mode has not: write the
// project's memory the way it does.
def props = project.getProjectProperties()
project.@projectTMX.save(props, props.getProjectInternal() + "project_save.tmx", true)
