import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import oss.grader.ClassResult;
import oss.grader.Grader;
import oss.grader.LoadedAssignment;
import oss.grader.Submissions;
import oss.grader.report.ClassJson;

/**
 * bench/grade's stand-in for `oss grade ASSIGNMENT DIR --json FILE` while the compiler does not
 * read assignment files: the same grading (oss.grader's Submissions and Grader, every core, the
 * class written as --json writes it) of an example assignment whose tests are taken from
 * ExampleAssignmentsTest (the file when the compiler reads it, its records until then).
 * Arguments: NAME SUBMISSIONS_DIR JSON_OUT [JOBS].
 */
public class MirrorGrade {
    public static void main(String[] args) throws Exception {
        Class<?> t = Class.forName("oss.grader.ExampleAssignments");
        Method load = t.getDeclaredMethod("load", String.class);
        load.setAccessible(true);
        LoadedAssignment loaded = (LoadedAssignment) load.invoke(null, args[0]);
        int jobs = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        var found = Submissions.find(List.of(Path.of(args[1])), loaded.assignment().submission(),
                loaded.assignment().budget().sizeBytes());
        ClassResult c = Grader.standard(loaded, jobs).grade(found, Grader.Progress.NONE);
        ClassJson.write(c, Path.of(args[2]));
        System.out.println(c.students().size() + " students graded");
    }
}
